import { describe, expect, it } from 'vitest';
import type { SwarmEvent } from '../../events/swarm-event.ts';
import { describeProgress } from './describe-progress.ts';
import { createProgressTracker } from './progress-tracker.ts';

const passStart: SwarmEvent = { type: 'pass-start', passId: 'p', tableId: 't', model: 'openai:gpt-4o-mini', total: 120, skipped: 0, concurrency: 256, limiterKey: 'k', resumed: false, priced: true };

/** One answered row: a call with these tokens, then the row's end. */
function answerRow(tracker: ReturnType<typeof createProgressTracker>, id: string) {
  tracker.handle({ type: 'dispatch-start', passId: 'p', rowIds: [id], attempt: 1 });
  tracker.handle({ type: 'dispatch-end', passId: 'p', rowIds: [id], attempt: 1, status: 'ok', usage: { inputTokens: 100, outputTokens: 10 }, cost: 0.001, latencyMs: 50 });
  tracker.handle({ type: 'row-end', passId: 'p', rowId: id, status: 'done' } as SwarmEvent);
}

describe('createProgressTracker', () => {
  it('counts a priced pass from $0, not as unpriced, before its first answer', () => {
    const tracker = createProgressTracker(() => 0);
    tracker.handle(passStart);
    expect(describeProgress(tracker.snapshot())).toContain('$0.0000');
  });

  it('never promises rows sooner than the known request limit allows', () => {
    let nowMs = 0;
    const tracker = createProgressTracker(() => nowMs);
    tracker.handle(passStart);
    // A burst: 60 rows in the first second, then the provider's 60 requests a minute binds.
    for (let row = 0; row < 60; row++) answerRow(tracker, `r${row}`);
    nowMs = 1_000;
    const snapshot = tracker.snapshot({ requestsPerMinute: 60 });
    // 60 rows left at one call each, 60 calls a minute: a minute, not the second the burst suggests.
    expect(snapshot.etaSeconds).toBe(60);
    expect(tracker.snapshot({}).etaSeconds).toBeCloseTo(1, 5);
  });

  it('follows the recent rate, not the average since the start', () => {
    let nowMs = 0;
    const tracker = createProgressTracker(() => nowMs);
    tracker.handle(passStart);
    for (let row = 0; row < 100; row++) answerRow(tracker, `r${row}`);
    nowMs = 1_000;
    tracker.snapshot();
    // Then one row every 10 s for a minute.
    for (let second = 10; second <= 60; second += 10) {
      answerRow(tracker, `s${second}`);
      nowMs = 1_000 + second * 1_000;
      tracker.snapshot();
    }
    const snapshot = tracker.snapshot();
    expect(snapshot.rowsPerSecond).toBeLessThan(0.2);
    // 14 rows left at about one per 10 s.
    expect(snapshot.etaSeconds).toBeGreaterThan(100);
  });

  it('counts a call waiting to retry apart from the calls in flight, and a cached answer in neither', () => {
    const tracker = createProgressTracker(() => 0);
    tracker.handle({ ...passStart, skipped: 20 } as SwarmEvent);
    tracker.handle({ type: 'dispatch-start', passId: 'p', rowIds: ['a'], attempt: 1 });
    tracker.handle({ type: 'dispatch-start', passId: 'p', rowIds: ['b'], attempt: 1 });
    tracker.handle({ type: 'dispatch-end', passId: 'p', rowIds: ['a'], attempt: 1, status: 'error', errorClass: 'server-error', usage: { inputTokens: 0, outputTokens: 0 }, cost: undefined, latencyMs: 5 });
    tracker.handle({ type: 'retry-wait', passId: 'p', rowIds: ['a'], errorClass: 'server-error', delayMs: 1000, attempt: 1 });
    tracker.handle({ type: 'dispatch-end', passId: 'p', rowIds: ['c'], attempt: 1, status: 'ok', usage: { inputTokens: 0, outputTokens: 0 }, cost: 0, latencyMs: 0, cached: true });
    expect(tracker.snapshot()).toMatchObject({ inFlight: 1, retryWaiting: 1, retries: 0, alreadyDone: 20, total: 100 });
    tracker.handle({ type: 'dispatch-start', passId: 'p', rowIds: ['a'], attempt: 2 });
    tracker.handle({ type: 'dispatch-end', passId: 'p', rowIds: ['a'], attempt: 2, status: 'ok', usage: { inputTokens: 10, outputTokens: 1 }, cost: 0, latencyMs: 5 });
    expect(tracker.snapshot()).toMatchObject({ inFlight: 1, retryWaiting: 0, retries: 1 });
  });

  it("on workers, takes the calls in flight from their samples: the calls' events, coming back with each outcome, do not move it", () => {
    const tracker = createProgressTracker(() => 0);
    tracker.handle(passStart);
    tracker.handle({ type: 'workers-sample', passId: 'p', workers: 2, inFlight: 0 });
    tracker.handle({ type: 'workers-sample', passId: 'p', workers: 2, inFlight: 7 });
    expect(tracker.snapshot().inFlight).toBe(7);
    // An outcome whose call was cut off (a start without an end) leaves nothing behind.
    tracker.handle({ type: 'dispatch-start', passId: 'p', rowIds: ['a'], attempt: 1 });
    tracker.handle({ type: 'dispatch-start', passId: 'p', rowIds: ['b'], attempt: 1 });
    tracker.handle({ type: 'dispatch-end', passId: 'p', rowIds: ['b'], attempt: 1, status: 'ok', usage: { inputTokens: 10, outputTokens: 1 }, cost: 0, latencyMs: 5 });
    expect(tracker.snapshot()).toMatchObject({ inFlight: 7, inputTokens: 10 });
    tracker.handle({ type: 'workers-sample', passId: 'p', workers: 2, inFlight: 3 });
    expect(tracker.snapshot().inFlight).toBe(3);
  });
});

describe('describeProgress', () => {
  it('fits the width by leaving out the least useful counts, keeping done, failed and the ETA', () => {
    const tracker = createProgressTracker(() => 0);
    tracker.handle({ ...passStart, skipped: 20 } as SwarmEvent);
    const snapshot = { ...tracker.snapshot(), concurrency: 32, limitSource: 'header', rateLimits: 3, retries: 4, retryWaiting: 2, elapsedSeconds: 65 };
    const full = describeProgress(snapshot, { elapsed: true });
    expect(full).toBe(
      '0/100 done · 20 already done · 0 failed · 1m05s · ETA -- · 0.0 rows/s · 0 in flight · 2 waiting to retry · 4 retries · 0 tokens · $0.0000 · concurrency 32 (header limits) · 3 rate-limited',
    );
    for (const width of [120, 80, 60, 40]) expect(describeProgress(snapshot, { width, elapsed: true }).length).toBeLessThanOrEqual(width);
    expect(describeProgress(snapshot, { width: 60, elapsed: true })).toBe('0/100 done · 20 already done · 0 failed · 1m05s · ETA --');
  });
});
