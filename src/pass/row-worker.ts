/** One message of a conversation a row worker sends. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a row worker can do: call models under the pass's limits, budget, cache and retries. */
export interface RowWorkerTools {
  /** The pass's instruction with this row's values filled in. */
  prompt: string;
  /**
   * One model call: the pass's model unless `model` names another (a user simulator, say). With
   * `schema` the answer is JSON text matching it; otherwise free text. `maxTokens` caps its output.
   */
  call(messages: ChatMessage[], options?: { schema?: object; maxTokens?: number; model?: string }): Promise<string>;
  /** Aborted when the pass stops. */
  signal: AbortSignal;
}

/**
 * A function that answers one row (the `function` worker kind, and task files' worker scripts). It returns the row's new columns, validated against the pass's
 * responseSchema; throwing fails the row with the error's message.
 */
export type RowWorker = (row: Record<string, unknown>, tools: RowWorkerTools) => Promise<Record<string, unknown>>;
