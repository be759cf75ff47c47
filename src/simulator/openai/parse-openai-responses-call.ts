import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import { openaiStrictSchemaProblem } from './openai-strict-schema-problem.ts';
import { promptMessage } from '../prompt-message.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { textParts } from '../text-parts.ts';

/**
 * Reads a Responses API request body (`POST /v1/responses`, what the AI SDK's OpenAI batches
 * carry); a string says why it is a bad request. `input` is a string or a list of messages
 * (`input_text`/`output_text` parts), `instructions` the system text, and JSON is asked for with
 * `text.format` `json_schema` or `json_object`.
 */
export function parseOpenAIResponsesCall(body: unknown): SimulatedCall | string {
  if (!isRecord(body)) return "We could not parse the JSON body of your request.";
  if (typeof body.model !== 'string') return "Missing required parameter: 'model'.";
  const prompt: LanguageModelV4Prompt = [];
  if (typeof body.instructions === 'string') prompt.push(promptMessage('system', [body.instructions]));
  if (typeof body.input === 'string') prompt.push(promptMessage('user', [body.input]));
  else if (Array.isArray(body.input)) {
    for (const item of body.input) {
      if (!isRecord(item)) return "Invalid type for 'input': expected a string or an array of input items.";
      // Items other than messages (tool calls and their outputs) carry no text the mock answer needs.
      if (item.type !== undefined && item.type !== 'message') continue;
      const texts = textParts(item.content);
      if (item.role === 'system' || item.role === 'developer') prompt.push(promptMessage('system', texts));
      else if (item.role === 'user' || item.role === 'assistant') prompt.push(promptMessage(item.role, texts));
    }
  } else return "Missing required parameter: 'input'.";
  const format = isRecord(body.text) ? body.text.format : undefined;
  const problem = isRecord(format) && format.type === 'json_schema' && format.strict === true ? openaiStrictSchemaProblem(format.schema) : undefined;
  return {
    model: body.model,
    stream: body.stream === true,
    includeUsage: true,
    prompt,
    responseFormat:
      isRecord(format) && format.type === 'json_schema' ? { type: 'json', schema: isRecord(format.schema) ? format.schema : undefined }
      : isRecord(format) && format.type === 'json_object' ? { type: 'json' }
      : undefined,
    maxOutputTokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : undefined,
    answerTool: undefined,
    ...(problem === undefined
      ? {}
      : { refusal: { message: `Invalid schema for response_format '${String((format as Record<string, unknown>).name)}': ${problem}`, param: 'text.format.schema', code: 'invalid_json_schema' } }),
  };
}
