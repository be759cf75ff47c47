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

  it('says what the sends still owe a limit that refills since they went', () => {
    const log = createSendLog();
    // 60 a minute: one a second. A call 300 ms ago still owes 0.7 of a request.
    log.record(0, one);
    expect(log.unpaid('requests', 300, 60)).toBeCloseTo(0.7);
    // Three at once, 1.5 s ago: 1.5 paid of 3.
    const burst = createSendLog();
    for (let index = 0; index < 3; index++) burst.record(0, one);
    expect(burst.unpaid('requests', 1_500, 60)).toBeCloseTo(1.5);
    // Long paid off.
    expect(burst.unpaid('requests', 10_000, 60)).toBe(0);
  });

  it('forgets sends older than its memory', () => {
    const log = createSendLog(1_000);
    log.record(0, one);
    log.record(5_000, one);
    expect(log.sentSince('requests', -1)).toBe(1);
  });
});
