import type { ProviderDialect } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import { googleAnswerBody } from './google-answer-body.ts';
import { googleErrorReply } from './google-error-reply.ts';
import { googleStream } from './google-stream.ts';
import { parseGoogleCall } from './parse-google-call.ts';

/**
 * The Gemini API (`POST /v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent?alt=sse`, key in `x-goog-api-key` or `?key=`). Quotas are fixed windows
 * that reset all at once; output is charged as generated; no rate-limit headers are sent.
 */
export const googleDialect: ProviderDialect = {
  provider: 'google',
  windowKind: 'fixed',
  outputCharge: 'actual',
  answerId: () => randomId(24),
  apiKeyOf(request, url) {
    return request.headers.get('x-goog-api-key') ?? url.searchParams.get('key') ?? undefined;
  },
  parseCall: parseGoogleCall,
  // Gemini names no request in its headers; `responseId` in the body is its id.
  requestIdHeaders: () => ({}),
  limitHeaders: () => ({}),
  errorReply: (error) => googleErrorReply(error),
  answerBody: googleAnswerBody,
  stream: googleStream,
};
