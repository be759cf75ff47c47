import { isRecord } from '../is-record.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { openaiChatPrompt } from './openai-chat-prompt.ts';
import { openaiStrictSchemaProblem } from './openai-strict-schema-problem.ts';
import { readOpenAITools } from './read-openai-tools.ts';

/** Reads a Chat Completions request body; a string says why it is a bad request. */
export function parseOpenAICall(body: unknown): SimulatedCall | string {
  if (!isRecord(body)) return 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly.)';
  if (typeof body.model !== 'string') return 'you must provide a model parameter';
  if (!Array.isArray(body.messages)) return "Missing required parameter: 'messages'.";
  const prompt = openaiChatPrompt(body.messages);
  const format = body.response_format;
  const jsonSchema = isRecord(format) && format.type === 'json_schema' && isRecord(format.json_schema) ? format.json_schema : undefined;
  const maxOutputTokens = body.max_completion_tokens ?? body.max_tokens;
  const problem = jsonSchema?.strict === true ? openaiStrictSchemaProblem(jsonSchema.schema) : undefined;
  const { tools, refusal } = readOpenAITools(body, 'chat');
  return {
    model: body.model,
    stream: body.stream === true,
    includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
    prompt: Array.isArray(prompt) ? prompt : [],
    responseFormat:
      jsonSchema !== undefined ? { type: 'json', schema: isRecord(jsonSchema.schema) ? jsonSchema.schema : undefined }
      : isRecord(format) && format.type === 'json_object' ? { type: 'json' }
      : undefined,
    maxOutputTokens: typeof maxOutputTokens === 'number' ? maxOutputTokens : undefined,
    ...(tools === undefined ? {} : { tools }),
    ...(problem !== undefined ? { refusal: { message: `Invalid schema for response_format '${String(jsonSchema!.name)}': ${problem}`, param: 'response_format', code: null } }
      : refusal !== undefined ? { refusal }
      : Array.isArray(prompt) ? {}
      : { refusal: prompt }),
  };
}
