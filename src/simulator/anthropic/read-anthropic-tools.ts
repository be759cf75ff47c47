import { answerToolOf } from '../answer-tool-of.ts';
import { isRecord } from '../is-record.ts';
import type { Refusal } from '../simulated-call.ts';
import type { OfferedTool, ToolUse } from '../tool-use.ts';
import { restoreDescribedConstraints } from './restore-described-constraints.ts';

/**
 * The client tools of a Messages API request (`tools` entries with a `name` and `input_schema`;
 * server tools, which have a `type`, are the provider's own) and how `tool_choice` lets the model
 * use them: `auto` (the default), `any`, `tool` (that one), `none`; `disable_parallel_tool_use`
 * (https://platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use). A name
 * outside `^[a-zA-Z0-9_-]{1,128}$` is the API's 400 (as reported in
 * modelcontextprotocol/modelcontextprotocol#1345 and jedisct1/openapi-mcp#9).
 */
export function readAnthropicTools(body: Record<string, unknown>): { tools?: ToolUse; refusal?: Refusal } {
  if (!Array.isArray(body.tools)) return {};
  const offered: OfferedTool[] = [];
  for (const [index, tool] of body.tools.entries()) {
    if (!isRecord(tool) || (tool.type !== undefined && tool.type !== 'custom') || typeof tool.name !== 'string') continue;
    if (!/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name)) return { refusal: { message: `tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'` } };
    // The AI SDK moves bounds Anthropic will not enforce into descriptions; the mock reads keywords.
    const schema = restoreDescribedConstraints(tool.input_schema);
    offered.push({ name: tool.name, parameters: isRecord(schema) ? schema : { type: 'object', properties: {} } });
  }
  if (offered.length === 0) return {};
  const toolChoice = isRecord(body.tool_choice) ? body.tool_choice : {};
  const names = offered.map((tool) => tool.name);
  const choice = toolChoice.type === 'none' ? 'none' : toolChoice.type === 'any' || toolChoice.type === 'tool' ? 'required' : 'auto';
  const allowed = toolChoice.type === 'tool' ? names.filter((name) => name === toolChoice.name) : names;
  const answerTool = answerToolOf(offered, choice);
  return { tools: { offered, choice, allowed, parallel: toolChoice.disable_parallel_tool_use !== true, ...(answerTool === undefined ? {} : { answerTool }) } };
}
