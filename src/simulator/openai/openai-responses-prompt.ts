import type { LanguageModelV4Message, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import { parseJson } from '../parse-json.ts';
import { promptMessage } from '../prompt-message.ts';
import type { Refusal } from '../simulated-call.ts';
import { textParts } from '../text-parts.ts';
import { toolCallMessage } from '../tool-call-message.ts';
import { toolResultMessage } from '../tool-result-message.ts';

/**
 * The prompt of a Responses API `input` list: messages (`input_text`/`output_text` parts), the
 * `function_call` items of earlier turns (consecutive ones are one assistant turn) and the
 * `function_call_output` items answering them; other items (reasoning, references) carry nothing
 * the mock answer needs. Calls and outputs pair by `call_id` wherever they stand; an output with no
 * call, or a call with no output, is refused as OpenAI does ("No tool call found for function call
 * output with call_id …", "No tool output found for function call …", `param: 'input'`; bodies as
 * reported in continuedev/continue#10092 and router-for-me/CLIProxyAPI#2368) unless the
 * conversation goes on from a stored response (`previous_response_id`, `conversation`), whose items
 * the simulator does not keep.
 */
export function openaiResponsesPrompt(body: Record<string, unknown>): LanguageModelV4Prompt | Refusal {
  const prompt: LanguageModelV4Prompt = [];
  if (typeof body.instructions === 'string') prompt.push(promptMessage('system', [body.instructions]));
  if (typeof body.input === 'string') return [...prompt, promptMessage('user', [body.input])];
  if (!Array.isArray(body.input)) return { message: "Missing required parameter: 'input'." };
  const names = new Map<string, string>();
  const outputs = new Set<string>();
  for (const item of body.input) {
    if (!isRecord(item)) return { message: "Invalid type for 'input': expected a string or an array of input items." };
    if (item.type === 'function_call') {
      const call = { toolCallId: String(item.call_id), toolName: String(item.name), input: argumentsOf(item.arguments) };
      names.set(call.toolCallId, call.toolName);
      const last = prompt.at(-1);
      // Calls of one turn follow each other (after the turn's text, if any).
      if (last?.role === 'assistant') prompt[prompt.length - 1] = { ...last, content: [...last.content, { type: 'tool-call', ...call }] } as LanguageModelV4Message;
      else prompt.push(toolCallMessage([], [call]));
    } else if (item.type === 'function_call_output') {
      const id = String(item.call_id);
      outputs.add(id);
      prompt.push(toolResultMessage([{ toolCallId: id, toolName: names.get(id) ?? '', text: typeof item.output === 'string' ? item.output : textParts(item.output).join('') }]));
    } else if (item.type === undefined || item.type === 'message') {
      const texts = textParts(item.content);
      if (item.role === 'system' || item.role === 'developer') prompt.push(promptMessage('system', texts));
      else if (item.role === 'user' || item.role === 'assistant') prompt.push(promptMessage(item.role, texts));
    }
  }
  if (body.previous_response_id == null && body.conversation == null) {
    const orphan = [...outputs].find((id) => !names.has(id));
    if (orphan !== undefined) return { message: `No tool call found for function call output with call_id ${orphan}.`, param: 'input', code: null };
    const unanswered = [...names.keys()].find((id) => !outputs.has(id));
    if (unanswered !== undefined) return { message: `No tool output found for function call ${unanswered}.`, param: 'input', code: null };
  }
  return prompt;
}

function argumentsOf(text: unknown): unknown {
  const parsed = typeof text === 'string' ? parseJson(text) : undefined;
  return parsed?.ok ? parsed.value : text;
}
