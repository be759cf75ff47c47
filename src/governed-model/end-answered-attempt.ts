import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import type { TokenUsage } from '../events/swarm-event.ts';
import { answerText } from './answer-text.ts';
import type { GovernedCall } from './governed-call.ts';
import type { HeldAttempt } from './hold-attempt.ts';
import { learnFromHeaders } from './learn-from-headers.ts';
import { canRaise } from './output-cap.ts';

/** An answered attempt as its call's record and metadata need it. */
export interface AttemptAnswer {
  usage: TokenUsage;
  /** The model stopped at the output cap. */
  truncated: boolean;
  headers: Record<string, string | undefined> | undefined;
  attempt: number;
  startedAt: number;
  latencyMs: number;
}

/**
 * Settles an answered attempt: the limiter and the budget get what it used, the limiter learns
 * from its headers, and the output estimates from its length. Returns `ask-again` when the answer
 * was cut off at an output cap Swarm chose (not sooner: the model's own maximum, which the AI SDK
 * sends instead of a larger cap) and attempts are left: the cut answer is recorded, and the call
 * goes again at once with room for the whole answer.
 */
export function endAnsweredAttempt(
  call: GovernedCall,
  held: HeldAttempt,
  answer: AttemptAnswer,
  result: Pick<LanguageModelV4GenerateResult, 'content' | 'structuredOutputText'>,
): 'taken' | 'ask-again' {
  const { governance, rows } = call;
  const { usage, startedAt } = answer;
  const { cap, ownCap } = held;
  held.reservation.settle({ actual: usage, latencyMs: answer.latencyMs });
  const cost = governance.costOf(usage.inputTokens, usage.outputTokens);
  held.ticket?.release({ cost: cost ?? 0, tokens: usage.inputTokens + usage.outputTokens });
  // A provider charging max_tokens up front stated what was left while it still held this call's
  // whole cap; it has given back the unused part since.
  const givenBackOutput = cap === undefined || !governance.chargesMaxTokensUpFront ? 0 : Math.max(0, cap - usage.outputTokens);
  learnFromHeaders(governance.limiter, answer.headers, { sentAt: held.reservation.sentAt, givenBackOutput });
  governance.outputEstimate.observe(usage.outputTokens, rows);
  call.model.streak.count = 0;
  if (ownCap === undefined || cap === undefined) return 'taken';
  if (!answer.truncated) {
    ownCap.observe(usage.outputTokens, rows);
    return 'taken';
  }
  if (!canRaise(cap) || usage.outputTokens < 0.9 * cap || answer.attempt >= governance.maxAttempts) return 'taken';
  ownCap.cutOff(cap, rows);
  governance.recorder?.attemptEnd({
    status: 'answered',
    rowIds: call.rowIds,
    attempt: answer.attempt,
    startedAt,
    endedAt: Date.now(),
    text: answerText(result, call.offersTools),
    usage,
    cost,
    latencyMs: answer.latencyMs,
    cached: false,
    cacheKey: call.cacheKey,
    problem: { message: `cut off at ${cap} output tokens; asked again with ${ownCap.forCall(rows)}`, errorClass: 'truncated' },
  });
  return 'ask-again';
}
