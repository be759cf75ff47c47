import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from '../is-record.ts';
import { promptMessage } from '../prompt-message.ts';
import type { Refusal } from '../simulated-call.ts';
import { textParts } from '../text-parts.ts';
import { toolCallMessage } from '../tool-call-message.ts';
import { toolResultMessage } from '../tool-result-message.ts';

/**
 * The prompt of a Messages API request: its system text, and its messages with the `tool_use`
 * blocks of assistant turns and the `tool_result` blocks answering them; or the 400 for a
 * conversation the API refuses (bodies as reported in anthropics/claude-code#5989 and #13460): a
 * `tool_use` whose result is not in the next message, a `tool_result` whose `tool_use` is not in
 * the previous one.
 */
export function anthropicPrompt(body: Record<string, unknown>, messages: unknown[]): LanguageModelV4Prompt | Refusal {
  const prompt: LanguageModelV4Prompt = [];
  const system = textParts(body.system);
  if (system.length > 0) prompt.push(promptMessage('system', system));
  let previousCalls = new Map<string, string>();
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return { message: 'messages: each message must be an object with role "user" or "assistant"' };
    }
    const blocks = Array.isArray(message.content) ? message.content.filter(isRecord) : [];
    const results = blocks.flatMap((block, blockIndex) => (block.type === 'tool_result' ? [{ block, blockIndex }] : []));
    const unanswered = [...previousCalls.keys()].filter((id) => !results.some(({ block }) => block.tool_use_id === id));
    if (unanswered.length > 0) {
      return { message: `messages.${index - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.` };
    }
    const orphan = results.find(({ block }) => !previousCalls.has(String(block.tool_use_id)));
    if (orphan !== undefined) {
      return { message: `messages.${index}.content.${orphan.blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(orphan.block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.` };
    }
    if (results.length > 0) {
      const answered = results.map(({ block }) => ({ toolCallId: String(block.tool_use_id), toolName: previousCalls.get(String(block.tool_use_id))!, text: textParts(block.content).join('') }));
      prompt.push(toolResultMessage(answered));
    }
    const texts = textParts(message.content);
    const calls = blocks.flatMap((block) => (block.type === 'tool_use' ? [{ toolCallId: String(block.id), toolName: String(block.name), input: block.input }] : []));
    if (calls.length > 0) prompt.push(toolCallMessage(texts, calls));
    else if (texts.length > 0 || results.length === 0) prompt.push(promptMessage(message.role, texts));
    previousCalls = new Map(calls.map((call) => [call.toolCallId, call.toolName]));
  }
  return prompt;
}
