import type { ProviderDialect } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import { openaiDialect } from './openai-dialect.ts';
import { openaiResponsesAnswerBody } from './openai-responses-answer-body.ts';
import { openaiResponsesStream } from './openai-responses-stream.ts';
import { parseOpenAIResponsesCall } from './parse-openai-responses-call.ts';

/**
 * The OpenAI Responses API (`POST /v1/responses`, what the AI SDK's `openai(model)` calls): the
 * Chat Completions dialect's keys, limits, headers and errors, with the Responses request, answer
 * and stream formats. Both APIs draw on one account's limits, as at OpenAI.
 */
export const openaiResponsesDialect: ProviderDialect = {
  ...openaiDialect,
  answerId: () => `resp_${randomId(48)}`,
  // Its function calls carry a `call_id` like Chat's call ids, beside the item's own `fc_…` id.
  toolCallId: () => `call_${randomId(24)}`,
  parseCall: (_url, body) => parseOpenAIResponsesCall(body),
  answerBody: openaiResponsesAnswerBody,
  stream: openaiResponsesStream,
};
