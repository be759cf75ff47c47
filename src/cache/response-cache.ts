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
  /** Queues an answer; queued answers are written by `flush`, or once enough are queued. */
  put(key: string, response: CachedResponse): void;
  /** Writes every queued answer now. */
  flush(): void;
}

// Keys are hashes, so each insert lands on a random page of the index: written one group commit
// at a time they rewrote most of the index on every commit (a pass ran 3× slower). Queued and
// written sorted in large batches, each page is touched once per batch. A queued answer lost in
// a crash costs one repeated call; results themselves never wait for this.
const batchSize = 4096;

/** Opens the store's response cache. */
export function responseCache(store: Store): ResponseCache {
  const insert = store.statement(
    `INSERT INTO response_cache (key, text, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key) DO NOTHING`,
  );
  // A cache that held nothing when the pass began can only hit on what this pass put in it.
  let startedEmpty = store.statement('SELECT 1 FROM response_cache LIMIT 1').get() === undefined;
  let queued: { key: string; response: CachedResponse }[] = [];
  const pending = new Map<string, CachedResponse>();
  const flush = () => {
    if (queued.length === 0) return;
    const batch = queued.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
    queued = [];
    const now = Date.now();
    store.transaction(() => {
      for (const { key, response } of batch) insert.run(key, response.text, response.usage.inputTokens, response.usage.outputTokens, now);
    });
    // Lookups read a snapshot: without this, answers just written would miss until it ends.
    store.refreshLookups();
    pending.clear();
    // What was just written is only found in the store from now on.
    startedEmpty = false;
  };
  return {
    get(key) {
      const waiting = pending.get(key);
      if (waiting !== undefined || startedEmpty) return waiting;
      const row = store.lookup('SELECT text, input_tokens, output_tokens FROM response_cache WHERE key = ?', key) as [string, number, number] | undefined;
      return row === undefined ? undefined : { text: row[0], usage: { inputTokens: row[1], outputTokens: row[2] } };
    },
    put(key, response) {
      queued.push({ key, response });
      pending.set(key, response);
      if (queued.length >= batchSize) flush();
    },
    flush,
  };
}
