import type { Conversation } from '../../pass/conversation.ts';
import type { PassState } from '../../pass/pass-state.ts';
import type { FunctionRun } from '../function/function-run.ts';
import { sendFunction } from '../function/send-function.ts';
import { settleFunction } from '../function/settle-function.ts';
import type { WorkerKind } from '../worker-kind.ts';
import { runConversation } from './run-conversation.ts';

/**
 * The `conversation` kind: each row is a conversation held one call a turn (see `Conversation`).
 * Its calls are a row worker's (the pass's limiter, budget, cache and retries, each recorded), and
 * its columns are settled like a row worker's.
 */
export function conversationKind(state: PassState, conversation: Conversation, instruction: string): WorkerKind<FunctionRun> {
  const hold = (row: Record<string, unknown>, tools: Parameters<typeof runConversation>[2]) => runConversation(conversation, row, tools);
  return {
    name: 'conversation',
    // Each worker holds one conversation: `concurrency` of them, no more.
    workers: (concurrency) => concurrency,
    // A conversation's dispatch is one row (`preparePass` sets its batchSize to 1).
    send: (rows) => sendFunction(state, hold, rows[0]!, instruction),
    settle(run) {
      settleFunction(state, run);
      return [];
    },
  };
}
