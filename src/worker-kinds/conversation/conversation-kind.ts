import type { Conversation } from '../../pass/conversation.ts';
import type { PassState } from '../../pass/pass-state.ts';
import { functionKind } from '../function/function-kind.ts';
import type { FunctionRun } from '../function/function-run.ts';
import type { WorkerKind } from '../worker-kind.ts';
import { runConversation } from './run-conversation.ts';

/**
 * The `conversation` kind: each row is a conversation held one call a turn (see `Conversation`).
 * It is sent and settled as the `function` kind sends and settles a row worker: its calls take the
 * pass's limiter, budget, cache and retries, each recorded, and its columns are checked alike.
 */
export function conversationKind(state: PassState, conversation: Conversation, instruction: string): WorkerKind<FunctionRun> {
  return { ...functionKind(state, (row, tools) => runConversation(conversation, row, tools), instruction), name: 'conversation' };
}
