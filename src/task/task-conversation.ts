import type { Conversation, ConversationTurn } from '../pass/conversation.ts';
import { isConversationComplete } from './is-conversation-complete.ts';
import { renderTaskPrompt } from './render-task-prompt.ts';
import type { TaskDefinition } from './task-definition.ts';
import { renderNextTurn } from './render-next-turn.ts';
import type { NextTurnScript } from './worker-script.ts';

/**
 * The conversation of a task file without a custom script: its system message and prompt,
 * single-turn or up to `max_turns`, its completion rule, and the next user turn from the
 * template, the user-simulator model, or the script's `nextTurn`.
 */
export function taskConversation(
  task: TaskDefinition,
  script: { nextTurn?: NextTurnScript },
  /** Turns a model name from the task file into an engine spec. */
  specOf: (name: string) => string = (name) => name,
): Conversation {
  const { completion } = task;
  return {
    kind: 'conversation',
    system: task.system,
    firstMessage: (row) => renderTaskPrompt(task.promptTemplate, row),
    responseSchema: task.responseSchema,
    multiTurn: task.multiTurn,
    maxTurns: task.maxTurns,
    isComplete: completion === undefined ? undefined : (reply) => isConversationComplete(completion, reply),
    nextTurn: (turn) => nextUserTurn(task, script, specOf, turn),
  };
}

/** The user's next message, from the task's `next_turn` (template, simulated user or script); undefined ends the conversation. */
async function nextUserTurn(
  task: TaskDefinition,
  script: { nextTurn?: NextTurnScript },
  /** Resolves a model name of the task to a model spec. */
  specOf: (name: string) => string,
  { messages, row, last, turn, call }: ConversationTurn,
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
