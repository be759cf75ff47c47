import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import type { ChatMessage, RowWorker } from '../pass/row-worker.ts';
import { isConversationComplete } from './is-conversation-complete.ts';
import { renderTaskPrompt } from './render-task-prompt.ts';
import type { TaskDefinition } from './task-definition.ts';
import { renderNextTurn } from './render-next-turn.ts';
import type { NextTurnScript } from './worker-script.ts';

/**
 * The worker of a task file without a custom script: one call per turn. Single-turn tasks answer
 * once (JSON matching `response_schema` when there is one, else free text in `output`).
 * Multi-turn tasks loop up to `max_turns`: after each reply the completion rule is checked, and
 * the next user turn comes from the template, the user-simulator model, or the script's
 * `nextTurn`. The whole conversation is returned, to be stored with the row.
 */
export function conversationWorker(
  task: TaskDefinition,
  script: { nextTurn?: NextTurnScript },
  /** Turns a model name from the task file into an engine spec. */
  specOf: (name: string) => string = (name) => name,
): RowWorker {
  return async (row, tools) => {
    const messages: ChatMessage[] = [];
    if (task.system !== undefined) messages.push({ role: 'system', content: task.system });
    messages.push({ role: 'user', content: renderTaskPrompt(task.promptTemplate, row) });
    if (!task.multiTurn) {
      const reply = await tools.call(messages, { schema: task.responseSchema });
      if (task.responseSchema === undefined) return { output: reply };
      const parsed = parseUntrustedJson(reply, { repair: true });
      if (!parsed.ok) throw new Error(`the answer is not JSON: ${parsed.error}`);
      return parsed.value as Record<string, unknown>;
    }
    let completed = false;
    let turns = 0;
    let reply = '';
    while (turns < task.maxTurns) {
      reply = await tools.call(messages);
      turns++;
      messages.push({ role: 'assistant', content: reply });
      if (task.completion !== undefined && isConversationComplete(task.completion, reply)) {
        completed = true;
        break;
      }
      if (turns >= task.maxTurns) break;
      const next = await nextUserTurn(task, { script, messages, row, last: reply, turn: turns, call: tools.call, specOf });
      if (next === undefined) {
        completed = true;
        break;
      }
      messages.push({ role: 'user', content: next });
    }
    return { output: reply, turns, completed, conversation: messages.filter((message) => message.role !== 'system') };
  };
}

/** The user's next message, from the task's `next_turn` (template, simulated user or script); undefined ends the conversation. */
async function nextUserTurn(
  task: TaskDefinition,
  {
    script,
    messages,
    row,
    last,
    turn,
    call,
    specOf,
  }: {
    script: { nextTurn?: NextTurnScript };
    messages: ChatMessage[];
    row: Record<string, unknown>;
    /** The assistant's last reply. */
    last: string;
    /** Turns taken so far. */
    turn: number;
    call: Parameters<RowWorker>[1]['call'];
    /** Resolves a model name of the task to a model spec. */
    specOf: (name: string) => string;
  },
): Promise<string | undefined> {
  // Set for every multi-turn task (loadTaskFile gives it a default).
  const source = task.nextTurn!;
  if ('template' in source) {
    return renderNextTurn(source.template, row, { last, turn: turn + 1 });
  }
  if ('userSimulator' in source) {
    const transcript = messages
      .filter((message) => message.role !== 'system')
      .map((message) => `${message.role === 'user' ? 'User' : 'Assistant'}: ${message.content}`)
      .join('\n\n');
    return call(
      [
        { role: 'system', content: `You play the user in this conversation. ${source.userSimulator.instruction} Reply with the user's next message only.` },
        { role: 'user', content: transcript },
      ],
      { model: specOf(source.userSimulator.model) },
    );
  }
  if (script.nextTurn === undefined) throw new Error('next_turn is "script" but the worker script exports no nextTurn function');
  return (await script.nextTurn(messages.filter((message) => message.role !== 'system'), row)) ?? undefined;
}
