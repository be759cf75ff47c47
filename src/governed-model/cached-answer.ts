import type { LanguageModelV4Content, LanguageModelV4GenerateResult, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { CachedResponse } from '../cache/response-cache.ts';
import { contentOfAnswerText } from './answer-text.ts';
import { withGovernedCallMetadata } from './governed-call-metadata.ts';
import type { GovernedCall } from './governed-call.ts';

// An answer from the cache cost no call: it used nothing now.
const noUsage: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/** A call answered from the response cache, recorded as such when the governed model records answers. */
export function cachedAnswer(call: GovernedCall, hit: CachedResponse): { content: LanguageModelV4Content[]; usage: LanguageModelV4Usage; metadata: ReturnType<typeof withGovernedCallMetadata> } {
  const { governance, rowIds, firstAttempt, cacheKey } = call;
  const startedAt = Date.now();
  if (governance.recordAnswers) {
    governance.recorder?.attemptEnd({
      status: 'answered',
      rowIds,
      attempt: firstAttempt,
      startedAt,
      endedAt: startedAt,
      text: hit.text,
      usage: { inputTokens: 0, outputTokens: 0 },
      cost: 0,
      latencyMs: 0,
      cached: true,
      cacheKey,
    });
  }
  return {
    content: contentOfAnswerText(hit.text, call.offersTools),
    usage: noUsage,
    metadata: withGovernedCallMetadata(undefined, { attempt: firstAttempt, startedAt, latencyMs: 0, cached: true, cacheKey }),
  };
}

/** A `doGenerate` result answered from the cache. */
export function cachedGenerateResult(call: GovernedCall, hit: CachedResponse): LanguageModelV4GenerateResult {
  const { content, usage, metadata } = cachedAnswer(call, hit);
  const toolCalls = content.some((part) => part.type === 'tool-call');
  return { content, finishReason: { unified: toolCalls ? 'tool-calls' : 'stop', raw: undefined }, usage, providerMetadata: metadata, warnings: [] };
}
