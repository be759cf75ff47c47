import { isRecord } from '../is-record.ts';
import type { ToolToCall } from '../tool-to-call.ts';

/**
 * The tool a Chat Completions request gets called next, as a scripted model would: each function
 * it offers once, in the order offered, then a text answer. None when it offers no functions,
 * `tool_choice` is `none`, or the conversation already called every one.
 */
export function nextOpenAIToolCall(body: Record<string, unknown>): ToolToCall | undefined {
  if (!Array.isArray(body.tools) || body.tool_choice === 'none') return undefined;
  const called = new Set<string>();
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    if (!isRecord(message) || message.role !== 'assistant' || !Array.isArray(message.tool_calls)) continue;
    for (const toolCall of message.tool_calls) if (isRecord(toolCall) && isRecord(toolCall.function)) called.add(String(toolCall.function.name));
  }
  for (const offered of body.tools) {
    const fn = isRecord(offered) && offered.type === 'function' && isRecord(offered.function) ? offered.function : undefined;
    if (fn === undefined || typeof fn.name !== 'string' || called.has(fn.name)) continue;
    return { name: fn.name, parameters: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } };
  }
  return undefined;
}
