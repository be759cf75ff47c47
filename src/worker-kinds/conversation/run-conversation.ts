import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import type { Conversation } from '../../pass/conversation.ts';
import type { ChatMessage, RowWorkerTools } from '../../pass/row-worker.ts';

/**
 * Holds one row's conversation, one call a turn, and returns its columns: a single turn's answer
 * (parsed when it has a schema), or the last reply with the turns taken, whether the conversation
 * completed, and the whole conversation, to be stored with the row.
 */
export async function runConversation(conversation: Conversation, row: Record<string, unknown>, tools: RowWorkerTools): Promise<Record<string, unknown>> {
  const messages: ChatMessage[] = [];
  if (conversation.system !== undefined) messages.push({ role: 'system', content: conversation.system });
  messages.push({ role: 'user', content: conversation.firstMessage(row) });
  if (!conversation.multiTurn) {
    const reply = await tools.call(messages, { schema: conversation.responseSchema });
    if (conversation.responseSchema === undefined) return { output: reply };
    const parsed = parseUntrustedJson(reply, { repair: true });
    if (!parsed.ok) throw new Error(`the answer is not JSON: ${parsed.error}`);
    return parsed.value as Record<string, unknown>;
  }
  let completed = false;
  let turns = 0;
  let reply = '';
  while (turns < conversation.maxTurns) {
    reply = await tools.call(messages);
    turns++;
    messages.push({ role: 'assistant', content: reply });
    if (conversation.isComplete?.(reply) === true) {
      completed = true;
      break;
    }
    if (turns >= conversation.maxTurns) break;
    const next = await conversation.nextTurn({ messages, row, last: reply, turn: turns, call: tools.call });
    if (next === undefined) {
      completed = true;
      break;
    }
    messages.push({ role: 'user', content: next });
  }
  return { output: reply, turns, completed, conversation: messages.filter((message) => message.role !== 'system') };
}
