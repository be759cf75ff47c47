/** A Chat Completions `tool_calls` entry calling `toolCall` with `args` (JSON text). */
export function toolCallOf(toolCall: { id: string; name: string }, args: string) {
  return { id: toolCall.id, type: 'function', function: { name: toolCall.name, arguments: args } };
}
