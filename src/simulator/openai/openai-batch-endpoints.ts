import type { ProviderDialect } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { openaiAnswerBody } from './openai-answer-body.ts';
import { openaiDialect } from './openai-dialect.ts';
import { openaiResponsesAnswerBody } from './openai-responses-answer-body.ts';
import { parseOpenAICall } from './parse-openai-call.ts';
import { parseOpenAIResponsesCall } from './parse-openai-responses-call.ts';

/** How the requests of an OpenAI batch endpoint are read and answered. */
export interface OpenAIBatchEndpoint {
  parse(body: unknown): SimulatedCall | string;
  answer(call: SimulatedCall, answer: SimulatedAnswer): unknown;
  dialect: ProviderDialect;
}

/** The endpoints an OpenAI batch may target: the Responses API (what the AI SDK uses) and Chat Completions. */
export const openaiBatchEndpoints: Readonly<Record<string, OpenAIBatchEndpoint>> = {
  '/v1/responses': {
    parse: parseOpenAIResponsesCall,
    answer: openaiResponsesAnswerBody,
    dialect: { ...openaiDialect, answerId: () => `resp_${randomId(48)}` },
  },
  '/v1/chat/completions': { parse: parseOpenAICall, answer: openaiAnswerBody, dialect: openaiDialect },
};
