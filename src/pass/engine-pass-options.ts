import type { Conversation } from './conversation.ts';

/**
 * Settings of a pass that only Swarm's own callers give (a plan runs each of its tasks as a one-row
 * pass on the plan's table), not part of the public `RunOptions`.
 */
export interface EnginePassOptions {
  /** Keeps apart passes that would otherwise be the same (two tasks of a plan with the same command): part of the pass id. */
  key?: string;
  /** With `command`: the column whose value each row's command reads on stdin (a string as it is, other values as JSON). */
  stdinColumn?: string;
  /** With `command`: variables every command of the pass gets, on top of its environment. */
  env?: Readonly<Record<string, string>>;
  /**
   * With `subagentType`: a row's first agent loop in this pass starts as a copy of the last settled
   * loop of the same row in that pass, and so replays it: every recorded model answer and tool result
   * is given back, none made (a replay of a plan run).
   */
  replayLoopsOf?: string;
  /** The model is called by workers of other processes (a backend's), with their own keys: no key is needed here. */
  keysOnWorkers?: boolean;
  /** Each row is this conversation (a task file's job), held by the `conversation` worker kind; its `workerKey` says what it is. */
  conversation?: Conversation;
}
