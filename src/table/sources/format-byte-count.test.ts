import { describe, expect, it } from 'vitest';
import { formatByteCount } from './format-byte-count.ts';

describe('formatByteCount', () => {
  it('uses decimal units with at most one decimal', () => {
    expect(formatByteCount(512)).toBe('512 bytes');
    expect(formatByteCount(3_240)).toBe('3.2 KB');
    expect(formatByteCount(1_000_000)).toBe('1 MB');
    expect(formatByteCount(3_210_000)).toBe('3.2 MB');
    expect(formatByteCount(210_000_000)).toBe('210 MB');
    expect(formatByteCount(2_500_000_000)).toBe('2.5 GB');
  });
});
