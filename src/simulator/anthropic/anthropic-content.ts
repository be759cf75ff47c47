import { parseJson } from '../parse-json.ts';
import { randomId } from '../random-id.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';

/** The one content block of an answer: the forced tool's call, or text. */
export type AnthropicContent =
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'text'; text: string };

/**
 * The answer's content block. A tool call's input is always a JSON object on the wire, so an answer
 * broken on purpose (malformed, truncated) in tool mode comes back as text instead, as when the
 * model skips the tool and writes its answer out.
 */
export function anthropicContent(call: SimulatedCall, answer: SimulatedAnswer): AnthropicContent {
  // Each stream frame asks again; one answer keeps one block (and one tool-call id).
  let content = contents.get(answer);
  if (content === undefined) {
    content = { type: 'text', text: answer.text };
    if (call.answerTool !== undefined) {
      const parsed = parseJson(answer.text);
      if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
        content = { type: 'tool_use', id: `toolu_01${randomId(22)}`, name: call.answerTool, input: parsed.value };
      }
    }
    contents.set(answer, content);
  }
  return content;
}

const contents = new WeakMap<SimulatedAnswer, AnthropicContent>();
