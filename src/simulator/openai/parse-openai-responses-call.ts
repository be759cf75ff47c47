import { isRecord } from '../is-record.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { openaiResponsesPrompt } from './openai-responses-prompt.ts';
import { openaiStrictSchemaProblem } from './openai-strict-schema-problem.ts';
import { readOpenAITools } from './read-openai-tools.ts';

/**
 * Reads a Responses API request body (`POST /v1/responses`, what the AI SDK's OpenAI batches
 * carry); a string says why it is a bad request. `input` is a string or a list of items (see
 * `openaiResponsesPrompt`), `instructions` the system text, JSON is asked for with `text.format`
 * `json_schema` or `json_object`, and function tools are `tools` entries of `type: 'function'`.
 */
export function parseOpenAIResponsesCall(body: unknown): SimulatedCall | string {
  if (!isRecord(body)) return "We could not parse the JSON body of your request.";
  if (typeof body.model !== 'string') return "Missing required parameter: 'model'.";
  const prompt = openaiResponsesPrompt(body);
  const format = isRecord(body.text) ? body.text.format : undefined;
  const problem = isRecord(format) && format.type === 'json_schema' && format.strict === true ? openaiStrictSchemaProblem(format.schema) : undefined;
  const { tools, refusal } = readOpenAITools(body, 'responses');
  return {
    model: body.model,
    stream: body.stream === true,
    includeUsage: true,
    prompt: Array.isArray(prompt) ? prompt : [],
    responseFormat:
      isRecord(format) && format.type === 'json_schema' ? { type: 'json', schema: isRecord(format.schema) ? format.schema : undefined }
      : isRecord(format) && format.type === 'json_object' ? { type: 'json' }
      : undefined,
    maxOutputTokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : undefined,
    ...(tools === undefined ? {} : { tools }),
    ...(problem !== undefined
      ? { refusal: { message: `Invalid schema for response_format '${String((format as Record<string, unknown>).name)}': ${problem}`, param: 'text.format.schema', code: 'invalid_json_schema' } }
      : refusal !== undefined ? { refusal }
      : Array.isArray(prompt) ? {}
      : { refusal: prompt }),
  };
}
