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
});
