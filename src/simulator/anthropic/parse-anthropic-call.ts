import type { JSONSchema7 } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { anthropicOutputSchemaProblem } from './anthropic-output-schema-problem.ts';
import { anthropicPrompt } from './anthropic-prompt.ts';
import { readAnthropicTools } from './read-anthropic-tools.ts';
import { restoreDescribedConstraints } from './restore-described-constraints.ts';

/**
 * Reads a Messages API request body; a string says why it is a bad request. A JSON answer is asked
 * for in one of two ways, both of which the AI SDK uses: native structured output
 * (`output_config.format`, or the older `output_format`) or a forced `json` tool whose input schema
 * is the answer's (see `answerToolOf`).
 */
export function parseAnthropicCall(body: unknown): SimulatedCall | string {
  if (!isRecord(body)) return 'The request body is not valid JSON.';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  const prompt = anthropicPrompt(body, body.messages);
  const outputFormat = isRecord(body.output_config) ? body.output_config.format : body.output_format;
  const problem = isRecord(outputFormat) && outputFormat.type === 'json_schema' ? anthropicOutputSchemaProblem(outputFormat.schema) : undefined;
  const schema = restoreDescribedConstraints(isRecord(outputFormat) && outputFormat.type === 'json_schema' ? outputFormat.schema : undefined);
  const { tools, refusal } = readAnthropicTools(body);
  return {
    model: body.model,
    stream: body.stream === true,
    includeUsage: true,
    prompt: Array.isArray(prompt) ? prompt : [],
    responseFormat: isRecord(outputFormat) ? { type: 'json', schema: isRecord(schema) ? (schema as JSONSchema7) : undefined } : undefined,
    maxOutputTokens: body.max_tokens,
    ...(tools === undefined ? {} : { tools }),
    ...(problem !== undefined ? { refusal: { message: `${isRecord(body.output_config) ? 'output_config.format' : 'output_format'}.schema: ${problem}` } }
      : refusal !== undefined ? { refusal }
      : Array.isArray(prompt) ? {}
      : { refusal: prompt }),
  };
}
