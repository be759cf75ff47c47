import type { AnswerToolCall } from '../simulated-answer.ts';

/** A Chat Completions `tool_calls` entry: `{ id: 'call_…', type: 'function', function: { name, arguments } }`, arguments as JSON text. */
export function toolCallOf(toolCall: AnswerToolCall, args = toolCall.arguments) {
  return { id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: args } };
}
