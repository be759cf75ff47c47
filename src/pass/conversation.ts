import type { ChatMessage, RowWorkerTools } from './row-worker.ts';

/** Where a conversation is when its next user message is asked for. */
export interface ConversationTurn {
  /** The conversation so far, system message included. */
  messages: ChatMessage[];
  row: Record<string, unknown>;
  /** The assistant's last reply. */
  last: string;
  /** Turns taken so far. */
  turn: number;
  /** A model call under the pass's limits (a simulated user's, say). */
  call: RowWorkerTools['call'];
}

/**
 * A conversation per row, which the `conversation` worker kind holds one call a turn (a task file's
 * job without a worker script of its own). Single-turn: one answer, JSON matching `responseSchema`
 * when there is one, else free text in `output`. Multi-turn: up to `maxTurns` replies, until
 * `isComplete` says a reply ends it or `nextTurn` has no next user message.
 */
export interface Conversation {
  readonly kind: 'conversation';
  readonly system: string | undefined;
  /** The row's first user message. */
  firstMessage(row: Record<string, unknown>): string;
  readonly responseSchema: object | undefined;
  readonly multiTurn: boolean;
  readonly maxTurns: number;
  /** Whether a reply ends the conversation; none: only the turn limit or `nextTurn` does. */
  readonly isComplete: ((reply: string) => boolean) | undefined;
  /** The user's next message; undefined ends the conversation. */
  nextTurn(turn: ConversationTurn): Promise<string | undefined>;
}
