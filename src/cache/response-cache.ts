import type { TokenUsage } from '../events/swarm-event.ts';
import type { Store } from '../store/store.ts';

/** A cached answer: the model's text and what the original call used. */
export interface CachedResponse {
  text: string;
  usage: TokenUsage;
}

/** The exact response cache in the store. Only answers that passed validation are ever put in it. */
export interface ResponseCache {
  get(key: string): CachedResponse | undefined;
  /** A statement-level write, for the pass's group commit. */
  put(key: string, response: CachedResponse): void;
}

/** Opens the store's response cache. */
export function responseCache(store: Store): ResponseCache {
  const select = store.statement('SELECT text, input_tokens, output_tokens FROM response_cache WHERE key = ?');
  const insert = store.statement(
    `INSERT INTO response_cache (key, text, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key) DO NOTHING`,
  );
  return {
    get(key) {
      const row = select.get(key) as { text: string; input_tokens: number; output_tokens: number } | undefined;
      return row === undefined ? undefined : { text: row.text, usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens } };
    },
    put(key, { text, usage }) {
      insert.run(key, text, usage.inputTokens, usage.outputTokens, Date.now());
    },
  };
}
