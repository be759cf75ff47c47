import type { Conversation } from '../pass/conversation.ts';
import type { PassState } from '../pass/pass-state.ts';
import type { RowWorker } from '../pass/row-worker.ts';
import { conversationKind } from './conversation/conversation-kind.ts';
import { functionKind } from './function/function-kind.ts';
import { structuredKind } from './structured/structured-kind.ts';
import type { WorkerKind } from './worker-kind.ts';

/** The kind that answers a model pass's rows without an agent: structured calls, a row worker, or conversations. */
export function rowKind(state: PassState, worker: RowWorker | Conversation | undefined, instruction: string): WorkerKind<unknown> {
  if (worker === undefined) return structuredKind(state);
  return typeof worker === 'function' ? functionKind(state, worker, instruction) : conversationKind(state, worker, instruction);
}
