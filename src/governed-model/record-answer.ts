import type { AttemptAnswer } from './end-answered-attempt.ts';
import type { GovernedCall } from './governed-call.ts';

// A model that stopped for any other reason (cut off, filtered, failed) gave no answer worth replaying.
const cacheableFinishes = new Set(['stop', 'tool-calls']);

/** Records an answer the governed model judges itself, and keeps it in the response cache when the call may be cached. */
export function recordAnswer(call: GovernedCall, answer: AttemptAnswer & { text: string; finishReason: string | undefined }): void {
  const { governance, cacheKey } = call;
  const { usage, text } = answer;
  if (cacheKey !== undefined && cacheableFinishes.has(answer.finishReason ?? '')) governance.cache!.put(cacheKey, { text, usage });
  governance.recorder?.attemptEnd({
    status: 'answered',
    rowIds: call.rowIds,
    attempt: answer.attempt,
    startedAt: answer.startedAt,
    endedAt: Date.now(),
    text,
    usage,
    cost: governance.costOf(usage.inputTokens, usage.outputTokens),
    latencyMs: answer.latencyMs,
    cached: false,
    cacheKey,
  });
}
