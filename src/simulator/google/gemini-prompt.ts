import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import { promptMessage } from '../prompt-message.ts';
import type { Refusal } from '../simulated-call.ts';
import { textParts } from '../text-parts.ts';
import { toolCallMessage } from '../tool-call-message.ts';
import { toolResultMessage } from '../tool-result-message.ts';

/**
 * The prompt of a `generateContent` request: its system instruction, and its contents with the
 * `functionCall` parts of model turns and the `functionResponse` parts answering them (paired by
 * `id` when the client sends one, else in order). Refused, in Gemini's words, when a function call
 * turn does not follow a user turn or function responses, when function responses do not follow a
 * function call turn, or do not answer each of its calls (as reported in google-gemini/gemini-cli#11814,
 * GoogleCloudPlatform/generative-ai#368 and google-gemini/gemini-cli#5443).
 */
export function geminiPrompt(body: Record<string, unknown>, contents: unknown[]): LanguageModelV4Prompt | Refusal {
  const prompt: LanguageModelV4Prompt = [];
  const system = isRecord(body.systemInstruction) ? textParts(body.systemInstruction.parts) : [];
  if (system.length > 0) prompt.push(promptMessage('system', system));
  let previous: { role: string; calls: Array<{ toolCallId: string; toolName: string }> } | undefined;
  for (const content of contents) {
    if (!isRecord(content)) return { message: "Invalid value at 'contents': each content must be an object" };
    const parts = Array.isArray(content.parts) ? content.parts.filter(isRecord) : [];
    const calls = parts.flatMap((part, index) =>
      isRecord(part.functionCall) ? [{ toolCallId: typeof part.functionCall.id === 'string' ? part.functionCall.id : `call-${index}`, toolName: String(part.functionCall.name), input: part.functionCall.args ?? {} }] : [],
    );
    const responses = parts.flatMap((part) => (isRecord(part.functionResponse) ? [part.functionResponse] : []));
    const role = content.role === 'model' ? 'model' : 'user';
    if (calls.length > 0 && (previous === undefined || previous.role !== 'user')) {
      return { message: 'Please ensure that function call turn comes immediately after a user turn or after a function response turn.' };
    }
    if (responses.length > 0) {
      if (previous === undefined || previous.role !== 'model' || previous.calls.length === 0) return { message: 'Please ensure that function response turn comes immediately after a function call turn.' };
      if (responses.length !== previous.calls.length) {
        return { message: 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.' };
      }
      const open = [...previous.calls];
      prompt.push(
        toolResultMessage(
          responses.map((response) => {
            const matched = open.findIndex((call) => (typeof response.id === 'string' ? call.toolCallId === response.id : call.toolName === response.name));
            const [call] = open.splice(matched === -1 ? 0 : matched, 1);
            return { toolCallId: call!.toolCallId, toolName: call!.toolName, text: JSON.stringify(response.response ?? {}) };
          }),
        ),
      );
    }
    const texts = textParts(content.parts);
    if (calls.length > 0) prompt.push(toolCallMessage(texts, calls));
    else if (texts.length > 0 || responses.length === 0) prompt.push(promptMessage(role === 'model' ? 'assistant' : 'user', texts));
    previous = { role, calls };
  }
  return prompt;
}
