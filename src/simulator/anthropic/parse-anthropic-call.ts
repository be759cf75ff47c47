import type { JSONSchema7, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import { promptMessage } from '../prompt-message.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { textParts } from '../text-parts.ts';
import { anthropicOutputSchemaProblem } from './anthropic-output-schema-problem.ts';
import { restoreDescribedConstraints } from './restore-described-constraints.ts';

/**
 * Reads a Messages API request body; a string says why it is a bad request. A JSON answer is asked
 * for in one of two ways, both of which the AI SDK uses: native structured output
 * (`output_config.format`, or the older `output_format`) or a forced tool whose input schema is
 * the answer's (`tool_choice` `any` or `tool`, the SDK's `json` tool).
 */
export function parseAnthropicCall(body: unknown): SimulatedCall | string {
  if (!isRecord(body)) return 'The request body is not valid JSON.';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  const prompt: LanguageModelV4Prompt = [];
  const system = textParts(body.system);
  if (system.length > 0) prompt.push(promptMessage('system', system));
  for (const message of body.messages) {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return 'messages: each message must be an object with role "user" or "assistant"';
    }
    prompt.push(promptMessage(message.role, textParts(message.content)));
  }
  const outputFormat = isRecord(body.output_config) ? body.output_config.format : body.output_format;
  const answerTool = forcedTool(body.tools, body.tool_choice);
  const problem = isRecord(outputFormat) && outputFormat.type === 'json_schema' ? anthropicOutputSchemaProblem(outputFormat.schema) : undefined;
  const schema = restoreDescribedConstraints(
    isRecord(outputFormat) && outputFormat.type === 'json_schema' ? outputFormat.schema : answerTool?.input_schema,
  );
  return {
    model: body.model,
    stream: body.stream === true,
    includeUsage: true,
    prompt,
    responseFormat:
      isRecord(outputFormat) || answerTool !== undefined
        ? { type: 'json', schema: isRecord(schema) ? (schema as JSONSchema7) : undefined }
        : undefined,
    maxOutputTokens: body.max_tokens,
    answerTool: isRecord(outputFormat) ? undefined : (answerTool?.name as string | undefined),
    ...(problem === undefined ? {} : { refusal: { message: `${isRecord(body.output_config) ? 'output_config.format' : 'output_format'}.schema: ${problem}` } }),
  };
}

function forcedTool(tools: unknown, toolChoice: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(tools) || !isRecord(toolChoice)) return undefined;
  const named = tools.filter((tool): tool is Record<string, unknown> => isRecord(tool) && typeof tool.name === 'string');
  if (toolChoice.type === 'tool') return named.find((tool) => tool.name === toolChoice.name);
  if (toolChoice.type === 'any') return named.length === 1 ? named[0] : (named.find((tool) => tool.name === 'json') ?? named[0]);
  return undefined;
}
