import type { LimitName } from '../limits/limit-name.ts';
import type { ErrorReply } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import type { SimulatedError } from '../simulated-error.ts';

// How Anthropic names each limit in its 429 messages.
const limitUnits: Record<LimitName, string> = {
  requestsPerMinute: 'requests per minute',
  inputTokensPerMinute: 'input tokens per minute',
  outputTokensPerMinute: 'output tokens per minute',
  tokensPerMinute: 'tokens per minute',
  requestsPerDay: 'requests per day',
  tokensPerDay: 'tokens per day',
};

const rateLimitAdvice =
  'For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.';

/**
 * An error as the Messages API sends it: `{ type: 'error', error: { type, message }, request_id }`
 * with `request-id` and `x-should-retry` headers; 429 `rate_limit_error` with `retry-after` in
 * whole seconds; 529 `overloaded_error`. No credit is a 400 `invalid_request_error` ("Your credit
 * balance is too low"), as the API really answers, not the `billing_error` its docs list.
 */
export function anthropicErrorReply(error: SimulatedError, nowMs: number): ErrorReply {
  const requestId = `req_011C${randomId(20)}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': requestId };
  const reply = (status: number, type: string, message: string, shouldRetry = status === 408 || status === 409 || status === 429 || status >= 500): ErrorReply => {
    headers['x-should-retry'] = String(shouldRetry);
    return { status, headers, body: { type: 'error', error: { type, message }, request_id: requestId } };
  };
  switch (error.kind) {
    case 'rate-limit': {
      if (Number.isFinite(error.retryAfterMs)) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
      if (error.limit === 'maxInFlight') {
        return reply(429, 'rate_limit_error', 'Number of concurrent connections has exceeded your rate limit. Please try again later or contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.');
      }
      return reply(429, 'rate_limit_error', exceedsMessage(error.limit, error.limitValue));
    }
    case 'undisclosed-rate-limit':
      if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
      return reply(429, 'rate_limit_error', 'Rate limited. Please try again later.', !error.tooLarge);
    case 'request-too-large':
      // Waiting cannot make a call that alone exceeds the limit fit.
      return reply(429, 'rate_limit_error', exceedsMessage(error.limit, error.limitValue), false);
    case 'missing-key':
      return reply(401, 'authentication_error', 'x-api-key header is required');
    case 'auth':
      return reply(401, 'authentication_error', 'invalid x-api-key');
    case 'billing':
      return reply(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
    case 'quota': {
      const renews = new Date(nowMs + error.retryAfterMs).toISOString();
      return reply(400, 'invalid_request_error', `You have reached your specified API usage limits. You will regain access on ${renews.slice(0, 10)} at ${renews.slice(11, 16)} UTC.`);
    }
    case 'server-error':
      return reply(error.status, 'api_error', 'Internal server error');
    case 'overloaded':
      return reply(529, 'overloaded_error', 'Overloaded');
    case 'bad-request':
      return reply(400, 'invalid_request_error', error.message);
    case 'not-found':
      return reply(404, 'not_found_error', error.message);
  }
}

function exceedsMessage(limit: LimitName, limitValue: number): string {
  return `This request would exceed the rate limit for your organization (simulated-organization) of ${limitValue.toLocaleString('en-US')} ${limitUnits[limit]}. ${rateLimitAdvice}`;
}
