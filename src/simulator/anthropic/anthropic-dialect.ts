import type { ProviderDialect } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import { anthropicAnswerBody } from './anthropic-answer-body.ts';
import { anthropicErrorReply } from './anthropic-error-reply.ts';
import { anthropicLimitHeaders } from './anthropic-limit-headers.ts';
import { anthropicStream } from './anthropic-stream.ts';
import { parseAnthropicCall } from './parse-anthropic-call.ts';

/**
 * The Anthropic Messages API (`POST /v1/messages`, key in `x-api-key` or `Authorization: Bearer`).
 * Limits are token buckets that refill continuously, as Anthropic documents. Output tokens are
 * reserved from `max_tokens` when the call is admitted and the unused part is given back when it
 * ends ("OTPM rate limits are estimated based on max_tokens at the beginning of each request and
 * adjusted at the end"); the reserve is capped at the output limit itself, so the AI SDK's default
 * `max_tokens` (64000 for Haiku 4.5) cannot make every call too large for a small limit.
 */
export const anthropicDialect: ProviderDialect = {
  provider: 'anthropic',
  windowKind: 'continuous',
  outputCharge: 'max-tokens-refunded',
  answerId: () => `msg_01${randomId(22)}`,
  toolCallId: () => `toolu_01${randomId(22)}`,
  apiKeyOf(request) {
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    return request.headers.get('x-api-key') ?? bearer;
  },
  parseCall: (_url, body) => parseAnthropicCall(body),
  requestIdHeaders: () => ({ 'request-id': `req_011C${randomId(20)}` }),
  limitHeaders: anthropicLimitHeaders,
  errorReply: anthropicErrorReply,
  answerBody: anthropicAnswerBody,
  stream: anthropicStream,
};
