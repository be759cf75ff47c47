import { parseJson } from '../parse-json.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';

/**
 * The parts of an answer's content: one `functionCall` part (`name` and `args` as an object, no
 * `id`, as the Gemini API answers; https://ai.google.dev/gemini-api/docs/function-calling) per tool
 * call, else one text part.
 */
export function geminiParts(answer: SimulatedAnswer): Array<Record<string, unknown>> {
  if (answer.toolCalls === undefined) return [{ text: answer.text }];
  return answer.toolCalls.map((toolCall) => {
    const args = parseJson(toolCall.arguments);
    return { functionCall: { name: toolCall.name, args: args.ok ? args.value : {} } };
  });
}
