import { isRecord } from '../is-record.ts';
import type { ToolUse } from '../tool-use.ts';

/**
 * An OpenAI `tool_choice` in shared terms, for Chat Completions and the Responses API alike:
 * `none`, `auto` (the default), `required`; a named function (Chat `{ type: 'function', function:
 * { name } }`, Responses `{ type: 'function', name }`) is required and allows only it;
 * `allowed_tools` narrows the allowed names under its `mode`
 * (https://platform.openai.com/docs/guides/function-calling#tool-choice).
 */
export function openaiToolChoice(toolChoice: unknown, names: string[]): Pick<ToolUse, 'choice' | 'allowed'> {
  if (toolChoice === 'none' || toolChoice === 'required') return { choice: toolChoice, allowed: names };
  if (!isRecord(toolChoice)) return { choice: 'auto', allowed: names };
  if (toolChoice.type === 'function') {
    const name = isRecord(toolChoice.function) ? toolChoice.function.name : toolChoice.name;
    return { choice: 'required', allowed: typeof name === 'string' ? [name] : [] };
  }
  if (toolChoice.type === 'allowed_tools') {
    const allowedTools = isRecord(toolChoice.allowed_tools) ? toolChoice.allowed_tools : toolChoice;
    const tools = Array.isArray(allowedTools.tools) ? allowedTools.tools : [];
    const allowed = tools.flatMap((tool) => {
      const name = isRecord(tool) ? (isRecord(tool.function) ? tool.function.name : tool.name) : undefined;
      return typeof name === 'string' ? [name] : [];
    });
    return { choice: allowedTools.mode === 'required' ? 'required' : 'auto', allowed };
  }
  return { choice: 'auto', allowed: names };
}
