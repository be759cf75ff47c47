import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import { parseJson } from '../parse-json.ts';
import { promptMessage } from '../prompt-message.ts';
import type { Refusal } from '../simulated-call.ts';
import { textParts } from '../text-parts.ts';
import { toolCallMessage } from '../tool-call-message.ts';
import { toolResultMessage } from '../tool-result-message.ts';

/**
 * The prompt of a Chat Completions `messages` list, with the assistant's `tool_calls` and the
 * `tool` messages answering them, or why the list is refused. Its rules, in OpenAI's words (bodies
 * as reported in sdcb/chats#132, dapr/dapr-agents#145 and LangChain's INVALID_TOOL_RESULTS page):
 * a `tool` message must answer a call of the assistant message just before it (the `tool` run),
 * each call once; an assistant message with `tool_calls` must be followed by a result for each.
 */
export function openaiChatPrompt(messages: unknown[]): LanguageModelV4Prompt | Refusal {
  const prompt: LanguageModelV4Prompt = [];
  let pending: { names: Map<string, string>; answered: Set<string> } | undefined;
  const unanswered = (param: string): Refusal | undefined => {
    const missing = [...(pending?.names.keys() ?? [])].filter((id) => !pending!.answered.has(id));
    if (missing.length === 0) return undefined;
    return {
      message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`,
      param,
      code: null,
    };
  };
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) return { message: "Invalid type for 'messages': expected an array of objects." };
    if (message.role === 'tool') {
      const id = String(message.tool_call_id);
      if (pending === undefined || pending.answered.has(id)) {
        return { message: "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", param: `messages.[${index}].role`, code: null };
      }
      if (!pending.names.has(id)) {
        return { message: `Invalid parameter: 'tool_call_id' of '${id}' not found in 'tool_calls' of previous message.`, param: `messages.[${index}].tool_call_id`, code: null };
      }
      pending.answered.add(id);
      prompt.push(toolResultMessage([{ toolCallId: id, toolName: pending.names.get(id)!, text: textParts(message.content).join('') }]));
      continue;
    }
    const refusal = unanswered(`messages.[${index}].role`);
    if (refusal !== undefined) return refusal;
    pending = undefined;
    const texts = textParts(message.content);
    if (message.role === 'system' || message.role === 'developer') prompt.push(promptMessage('system', texts));
    else if (message.role === 'user') prompt.push(promptMessage('user', texts));
    else if (message.role === 'assistant') {
      const calls = (Array.isArray(message.tool_calls) ? message.tool_calls : []).flatMap((toolCall) =>
        isRecord(toolCall) && isRecord(toolCall.function) ? [{ toolCallId: String(toolCall.id), toolName: String(toolCall.function.name), input: argumentsOf(toolCall.function.arguments) }] : [],
      );
      prompt.push(calls.length === 0 ? promptMessage('assistant', texts) : toolCallMessage(texts, calls));
      if (calls.length > 0) pending = { names: new Map(calls.map((call) => [call.toolCallId, call.toolName])), answered: new Set() };
    }
  }
  return unanswered('messages') ?? prompt;
}

function argumentsOf(text: unknown): unknown {
  const parsed = typeof text === 'string' ? parseJson(text) : undefined;
  return parsed?.ok ? parsed.value : text;
}
