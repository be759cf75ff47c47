import { APICallError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyCallError } from '../../src/call/classify-call-error.ts';
import { createSecretRedactor } from '../../src/call/secret-redactor.ts';
import { readProviderErrorBody } from '../../src/call/provider-error-body.ts';
import { parseRateLimitHeaders } from '../../src/limit/parse-rate-limit-headers.ts';
import { startSimulator, type LimitDisclosure, type ProviderName, type Simulator } from '../../src/simulator/index.ts';
import { batchCall, modelsFor, rejectionOf } from '../../src/simulator/test-support.ts';

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

/** An answer and a 429 from a simulator with one request a minute, as Swarm's readers see them. */
async function answerAndRefusal(provider: ProviderName, options: { limitHeaders?: boolean; limitDisclosure?: LimitDisclosure }) {
  simulator = await startSimulator({ limits: { requestsPerMinute: 1 }, ...options });
  const model = modelsFor(simulator)[provider];
  const answered = await model.doGenerate(batchCall(['a']));
  const refused = await rejectionOf(model.doGenerate(batchCall(['a'])));
  if (!APICallError.isInstance(refused) || refused.statusCode !== 429) throw refused;
  return {
    answerHeaders: parseRateLimitHeaders(answered.response?.headers),
    refusalHeaders: parseRateLimitHeaders(refused.responseHeaders),
    refusalBody: readProviderErrorBody(refused.responseBody),
    classified: classifyCallError(refused, createSecretRedactor({})),
  };
}

const providers: ProviderName[] = ['openai', 'anthropic', 'google'];

describe.each(providers)('what Swarm can read of its limits from a %s server', (provider) => {
  // Why the benchmarks' "limits unknown" case needs more than hiding the headers: the OpenAI 429
  // says "Limit 1, Used 1, Requested 1" and Gemini's QuotaFailure has its quotaValue.
  it('learns the limit from the 429 body when only the headers are hidden (OpenAI, Gemini)', async () => {
    const { answerHeaders, refusalHeaders, refusalBody } = await answerAndRefusal(provider, { limitHeaders: false });
    expect(answerHeaders).toBeUndefined();
    expect(refusalHeaders).toBeUndefined();
    expect(refusalBody.limits?.requestsPerMinute).toBe(provider === 'anthropic' ? undefined : 1);
  });

  it.each(['retry-after', 'nothing'] as LimitDisclosure[])('reads no limit at all when the server states none (limitDisclosure %s)', async (limitDisclosure) => {
    const { answerHeaders, refusalHeaders, refusalBody, classified } = await answerAndRefusal(provider, { limitDisclosure });
    expect(answerHeaders).toBeUndefined();
    expect(refusalHeaders).toBeUndefined();
    expect(refusalBody.limits).toBeUndefined();
    // Still a plain rate limit, with the wait when the server gives one.
    expect(refusalBody).toMatchObject({ quotaExhausted: false, billing: false });
    expect(classified).toMatchObject({ errorClass: 'rate-limit', rateLimited: true });
    expect(classified.retryAfterMs !== undefined).toBe(limitDisclosure === 'retry-after');
    // In whole seconds: an exact refill time would tell the rate (at a bucket of one, its spacing).
    if (classified.retryAfterMs !== undefined && provider !== 'google') expect(classified.retryAfterMs % 1_000).toBe(0);
  });
});
