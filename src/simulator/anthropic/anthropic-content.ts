import { parseJson } from '../parse-json.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';

/** A content block of an answer: a tool call (its input a JSON object on the wire), or text. */
export type AnthropicContent =
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'text'; text: string };

/** The answer's content blocks: one `tool_use` block per tool call, else one text block. */
export function anthropicContent(answer: SimulatedAnswer): AnthropicContent[] {
  if (answer.toolCalls === undefined) return [{ type: 'text', text: answer.text }];
  return answer.toolCalls.map((toolCall) => {
    const input = parseJson(toolCall.arguments);
    return { type: 'tool_use', id: toolCall.id!, name: toolCall.name, input: input.ok ? input.value : {} };
  });
}
