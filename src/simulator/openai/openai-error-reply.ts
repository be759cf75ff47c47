import type { LimitName } from '../limits/limit-name.ts';
import type { ErrorReply } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import type { SimulatedError } from '../simulated-error.ts';
import { formatGoDuration } from './format-go-duration.ts';

const rateLimitsPage = 'Visit https://platform.openai.com/account/rate-limits to learn more.';
const organization = 'org-simulated';

// How OpenAI names each limit in its 429 messages.
const limitLabels: Record<LimitName | 'maxInFlight', string> = {
  requestsPerMinute: 'requests per min (RPM)',
  inputTokensPerMinute: 'tokens per min (TPM)',
  outputTokensPerMinute: 'tokens per min (TPM)',
  tokensPerMinute: 'tokens per min (TPM)',
  requestsPerDay: 'requests per day (RPD)',
  tokensPerDay: 'tokens per day (TPD)',
  maxInFlight: 'concurrent requests',
};

/**
 * An error as the OpenAI API sends it: `{ error: { message, type, param, code } }`. Rate limits
 * are 429 `rate_limit_exceeded` with type `requests` or `tokens` and `retry-after` (seconds) plus
 * `retry-after-ms`; an exhausted quota or unpaid bill is also a 429, `insufficient_quota`, which
 * no wait fixes.
 */
export function openaiErrorReply(error: SimulatedError): ErrorReply {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': `req_${randomId(32)}` };
  const reply = (
    status: number,
    { message, type, code, param = null }: { message: string; type: string | null; code: string | number | null; param?: string | null },
  ): ErrorReply => ({
    status,
    headers,
    body: { error: { message, type, param, code } },
  });
  switch (error.kind) {
    case 'rate-limit': {
      const { model, limit, limitValue, used, requested, retryAfterMs } = error;
      if (Number.isFinite(retryAfterMs)) {
        headers['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
        headers['retry-after-ms'] = String(Math.ceil(retryAfterMs));
      }
      const wait = Number.isFinite(retryAfterMs) ? ` Please try again in ${formatGoDuration(retryAfterMs)}.` : '';
      return reply(429, {
        message: `Rate limit reached for ${model} in organization ${organization} on ${limitLabels[limit]}: Limit ${limitValue}, Used ${used}, Requested ${requested}.${wait} ${rateLimitsPage}`,
        type: limitType(limit),
        code: 'rate_limit_exceeded',
      });
    }
    case 'undisclosed-rate-limit':
      // Whole seconds only: `retry-after-ms` is the exact refill time, and at a bucket of one
      // request that is the limit's own spacing, which a server that states no limit must not tell.
      if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
      return reply(429, {
        message: error.tooLarge ? 'Request too large. The input or output tokens must be reduced in order to run successfully.' : 'Rate limit exceeded. Please try again later.',
        type: 'rate_limit_exceeded',
        code: 'rate_limit_exceeded',
      });
    case 'request-too-large':
      return reply(429, {
        message: `Request too large for ${error.model} in organization ${organization} on ${limitLabels[error.limit]}: Limit ${error.limitValue}, Requested ${error.requested}. The input or output tokens must be reduced in order to run successfully. ${rateLimitsPage}`,
        type: limitType(error.limit),
        code: 'rate_limit_exceeded',
      });
    case 'missing-key':
      return reply(401, {
        message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
        type: 'invalid_request_error',
        code: null,
      });
    case 'auth':
      return reply(401, {
        message: 'Incorrect API key provided: sk-simu********. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      });
    case 'billing':
    case 'quota':
      return reply(429, {
        message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      });
    case 'server-error':
      if (error.status === 502) return reply(502, { message: 'Bad gateway.', type: 'cf_bad_gateway', code: 502 });
      if (error.status === 503) return reply(503, { message: 'The server is overloaded or not ready yet.', type: 'server_error', code: null });
      return reply(500, { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null });
    case 'overloaded':
      return reply(503, {
        message: 'That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists.',
        type: 'server_error',
        code: null,
      });
    case 'bad-request':
      return reply(400, { message: error.message, type: 'invalid_request_error', code: error.code ?? null, param: error.param ?? null });
    case 'not-found':
      return reply(404, { message: error.message, type: 'invalid_request_error', code: null });
  }
}

function limitType(limit: LimitName | 'maxInFlight'): 'requests' | 'tokens' {
  return limit === 'requestsPerMinute' || limit === 'requestsPerDay' || limit === 'maxInFlight' ? 'requests' : 'tokens';
}
