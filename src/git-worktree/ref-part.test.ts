import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { refPart, rowBranchName } from './ref-part.ts';

describe('rowBranchName', () => {
  it('keeps a plain id as it is, and makes any other a valid, distinct ref part', () => {
    expect(rowBranchName('reviews-3f9a', 'rev-001')).toBe('swarm/reviews-3f9a/rev-001');
    const ids = ['src/a.ts', 'src-a.ts', '..', '.hidden', 'x.lock', 'a b', 'é', 'HEAD@{1}', 'a..b', 'trailing.', '~^:?*[\\', ''];
    const parts = ids.map(refPart);
    expect(new Set(parts).size).toBe(ids.length);
    for (const part of parts) {
      expect(part).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      expect(() => execFileSync('git', ['check-ref-format', `refs/heads/swarm/t/${part}`])).not.toThrow();
    }
    expect(refPart('src/a.ts')).toMatch(/^src-a\.ts-[0-9a-f]{8}$/);
  });
});
