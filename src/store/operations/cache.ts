import type { SqliteConnection } from '../sqlite-connection.ts';

/** An answer in the response cache: the model's text and what the original call used. */
export interface StoredResponse {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

/** The response cache, shared by every table of the store. */
export interface CacheOperations {
  /** Whether the cache holds no answer at all. */
  isEmpty(): boolean;
  /**
   * The answer cached under `key`, read from a snapshot of the store up to 100 ms old: an answer
   * just put may be missed (a lookup made thousands of times a second stays cheap).
   */
  get(key: string): StoredResponse | undefined;
  /** Adds answers in one transaction (a key already cached keeps its answer); the next `get` sees them. */
  putAll(entries: readonly { key: string; response: StoredResponse }[], at: number): void;
}

/** The cache operations of a store. */
export function cacheOperations(connection: SqliteConnection): CacheOperations {
  return {
    isEmpty() {
      return connection.statement('SELECT 1 FROM response_cache LIMIT 1').get() === undefined;
    },
    get(key) {
      const row = connection.lookup('SELECT text, input_tokens, output_tokens FROM response_cache WHERE key = ?', key) as [string, number, number] | undefined;
      return row === undefined ? undefined : { text: row[0], inputTokens: row[1], outputTokens: row[2] };
    },
    putAll(entries, at) {
      const insert = connection.statement(
        `INSERT INTO response_cache (key, text, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO NOTHING`,
      );
      connection.transaction(() => {
        for (const { key, response } of entries) insert.run(key, response.text, response.inputTokens, response.outputTokens, at);
      });
      // Lookups read a snapshot: without this, answers just written would miss until it ends.
      connection.refreshLookups();
    },
  };
}
