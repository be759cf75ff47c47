import type { ProviderDialect } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import { openaiAnswerBody } from './openai-answer-body.ts';
import { openaiErrorReply } from './openai-error-reply.ts';
import { openaiLimitHeaders } from './openai-limit-headers.ts';
import { openaiRequestId } from './openai-request-id.ts';
import { openaiStream } from './openai-stream.ts';
import { parseOpenAICall } from './parse-openai-call.ts';

/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`, key in `Authorization: Bearer`). Limits
 * refill continuously; output is charged as `max_tokens` up front when the request sets it (OpenAI
 * counts "the maximum of max_tokens and the estimated tokens" against TPM), else as generated.
 */
export const openaiDialect: ProviderDialect = {
  provider: 'openai',
  windowKind: 'continuous',
  outputCharge: 'max-tokens',
  answerId: () => `chatcmpl-${randomId(29)}`,
  toolCallId: () => `call_${randomId(24)}`,
  apiKeyOf(request) {
    return /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  },
  parseCall: (_url, body) => parseOpenAICall(body),
  requestIdHeaders: () => ({ 'x-request-id': openaiRequestId() }),
  limitHeaders: (statuses) => openaiLimitHeaders(statuses),
  errorReply: (error) => openaiErrorReply(error),
  answerBody: openaiAnswerBody,
  stream: openaiStream,
};
