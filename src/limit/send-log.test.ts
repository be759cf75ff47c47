import { describe, expect, it } from 'vitest';
import { createSendLog } from './send-log.ts';

const one = { requests: 1, input: 100, output: 10, tokens: 110 };

describe('createSendLog', () => {
  it('says what was sent after a moment', () => {
    const log = createSendLog();
    log.record(0, one);
    log.record(100, one);
    log.record(200, one);
    expect(log.sentSince('requests', 100)).toBe(1);
    expect(log.sentSince('input', -1)).toBe(300);
  });

  it('forgets sends older than its memory', () => {
    const log = createSendLog(1_000);
    log.record(0, one);
    log.record(5_000, one);
    expect(log.sentSince('requests', -1)).toBe(1);
  });
});
