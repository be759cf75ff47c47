import type { ErrorReply } from '../provider-dialect.ts';
import type { SimulatedError } from '../simulated-error.ts';
import { googleFreeTierDailyQuota, googleQuotas, type GoogleQuota } from './google-quota.ts';

const quotaMessage =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. ';

const help = {
  '@type': 'type.googleapis.com/google.rpc.Help',
  links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
};

/**
 * An error as the Gemini API sends it: `{ error: { code, message, status, details } }` and no
 * rate-limit headers at all. A 429 is `RESOURCE_EXHAUSTED`; the wait is only in the body, as a
 * `google.rpc.RetryInfo` detail (`retryDelay: "17s"`, rounded up here so it is never too early),
 * beside a `google.rpc.QuotaFailure` whose `quotaId` says which quota ran out, per minute or per day.
 */
export function googleErrorReply(error: SimulatedError): ErrorReply {
  const reply = (code: number, status: string, message: string, details?: unknown[]): ErrorReply => ({
    status: code,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: { error: { code, message, status, ...(details === undefined ? {} : { details }) } },
  });
  switch (error.kind) {
    case 'rate-limit':
      if (error.limit === 'maxInFlight') {
        return reply(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [retryInfo(error.retryAfterMs)]);
      }
      return quotaExceeded(googleQuotas[error.limit], error.model, error.limitValue, error.retryAfterMs);
    case 'undisclosed-rate-limit':
      return reply(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', error.retryAfterMs === undefined ? undefined : [retryInfo(error.retryAfterMs)]);
    case 'request-too-large':
      return quotaExceeded(googleQuotas[error.limit], error.model, error.limitValue, Infinity);
    case 'billing':
      return quotaExceeded(googleFreeTierDailyQuota, error.model, 0, Infinity);
    case 'quota':
      return quotaExceeded(googleQuotas.requestsPerDay, error.model, undefined, error.retryAfterMs);
    case 'missing-key':
      return reply(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    case 'auth':
      return reply(403, 'PERMISSION_DENIED', 'Your API key was reported as leaked. Please use another API key.');
    case 'server-error':
      if (error.status === 500) return reply(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
      return reply(error.status, 'UNAVAILABLE', 'The service is currently unavailable.');
    case 'overloaded':
      return reply(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    case 'bad-request':
      return reply(400, 'INVALID_ARGUMENT', error.message, error.details);
    case 'not-found':
      return reply(404, 'NOT_FOUND', error.message);
  }

  function quotaExceeded(quota: GoogleQuota, model: string, limitValue: number | undefined, retryAfterMs: number): ErrorReply {
    const metric = `generativelanguage.googleapis.com/${quota.metric}`;
    const limit = limitValue === undefined ? '' : `, limit: ${limitValue}`;
    const wait = Number.isFinite(retryAfterMs) ? `\nPlease retry in ${Number((retryAfterMs / 1000).toFixed(9))}s.` : '';
    const violation = {
      quotaMetric: metric,
      quotaId: quota.quotaId,
      quotaDimensions: { location: 'global', model },
      ...(limitValue === undefined ? {} : { quotaValue: String(limitValue) }),
    };
    const details: unknown[] = [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [violation] }, help];
    if (Number.isFinite(retryAfterMs)) details.push(retryInfo(retryAfterMs));
    return reply(429, 'RESOURCE_EXHAUSTED', `${quotaMessage}\n* Quota exceeded for metric: ${metric}${limit}, model: ${model}${wait}`, details);
  }
}

function retryInfo(retryAfterMs: number) {
  return { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${Math.ceil(retryAfterMs / 1000)}s` };
}
