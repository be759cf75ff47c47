import type { ChatMessage } from './chat-message.ts';

/**
 * The default (or `run`) export of a task's `worker_script`: handles one row and returns the
 * columns to write for it. `prompt` is the row's rendered `prompt_template`; `call` sends messages to
 * the worker model (or the `model` given: a spec or alias), counted, limited, cached and retried
 * like any other call, and resolves to the answer text, JSON text when a `schema` is given.
 * `signal` is aborted when the run stops. An error thrown fails this row only.
 */
export type WorkerScript = (
  row: Record<string, unknown>,
  tools: {
    call(messages: ChatMessage[], options?: { schema?: object; maxTokens?: number; model?: string }): Promise<string>;
    prompt: string;
    signal: AbortSignal;
  },
) => Promise<Record<string, unknown>>;

/**
 * The `nextTurn` export of a `worker_script`, used with `next_turn: script`: the next user message
 * given the conversation so far (ending with the assistant's reply), or undefined to end it.
 */
export type NextTurnScript = (conversation: ChatMessage[], row: Record<string, unknown>) => string | undefined | Promise<string | undefined>;

/** What a worker script module may export. */
export interface WorkerScriptModule {
  default?: WorkerScript;
  /** Used when there is no default export. */
  run?: WorkerScript;
  nextTurn?: NextTurnScript;
}
