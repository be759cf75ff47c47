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
  // A cache that held nothing when the pass began can only hit on what this pass put in it.
  let startedEmpty = store.cache.isEmpty();
  let queued: { key: string; response: CachedResponse }[] = [];
  const pending = new Map<string, CachedResponse>();
  const flush = () => {
    if (queued.length === 0) return;
    const batch = queued.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
    queued = [];
    store.cache.putAll(
      batch.map(({ key, response }) => ({ key, response: { text: response.text, inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens } })),
      Date.now(),
    );
    pending.clear();
    // What was just written is only found in the store from now on.
    startedEmpty = false;
  };
  return {
    get(key) {
      const waiting = pending.get(key);
      if (waiting !== undefined || startedEmpty) return waiting;
      const stored = store.cache.get(key);
      return stored === undefined ? undefined : { text: stored.text, usage: { inputTokens: stored.inputTokens, outputTokens: stored.outputTokens } };
    },
    put(key, response) {
      queued.push({ key, response });
      pending.set(key, response);
      if (queued.length >= batchSize) flush();
    },
    flush,
  };
}
