import { isRecord } from '../is-record.ts';
import type { Refusal } from '../simulated-call.ts';
import type { OfferedTool, ToolUse } from '../tool-use.ts';
import { openaiStrictSchemaProblem } from './openai-strict-schema-problem.ts';
import { openaiToolChoice } from './openai-tool-choice.ts';
import { openaiToolNameProblem } from './openai-tool-name-problem.ts';

/**
 * The function tools of a Chat Completions or Responses API request (Chat nests each under
 * `function`, Responses does not) and how it lets the model use them, or the 400 OpenAI answers
 * for one of them: a name it refuses, or a `strict` schema its strict mode will not enforce
 * ("Invalid schema for function 'x': …", `invalid_function_parameters`, as reported in
 * xemantic/xemantic-ai-tool-schema#37 and, for the Responses path, openai/codex#7758).
 */
export function readOpenAITools(body: Record<string, unknown>, api: 'chat' | 'responses'): { tools?: ToolUse; refusal?: Refusal } {
  if (!Array.isArray(body.tools)) return {};
  const offered: OfferedTool[] = [];
  for (const [index, tool] of body.tools.entries()) {
    const definition = isRecord(tool) && tool.type === 'function' ? (api === 'chat' ? tool.function : tool) : undefined;
    if (!isRecord(definition) || typeof definition.name !== 'string') continue;
    const path = api === 'chat' ? `tools[${index}].function` : `tools[${index}]`;
    const nameProblem = openaiToolNameProblem(definition.name, `${path}.name`);
    if (nameProblem !== undefined) return { refusal: nameProblem };
    const schemaProblem = definition.strict === true ? openaiStrictSchemaProblem(definition.parameters) : undefined;
    if (schemaProblem !== undefined) {
      return { refusal: { message: `Invalid schema for function '${definition.name}': ${schemaProblem}`, param: `${path}.parameters`, code: 'invalid_function_parameters' } };
    }
    offered.push({ name: definition.name, parameters: isRecord(definition.parameters) ? definition.parameters : { type: 'object', properties: {} } });
  }
  if (offered.length === 0) return {};
  const names = offered.map((tool) => tool.name);
  return { tools: { offered, ...openaiToolChoice(body.tool_choice, names), parallel: body.parallel_tool_calls !== false } };
}
