import type { Store } from '../store/store.ts';
import { searchWords } from './search-words.ts';

/** A finding recalled from plan memory. */
export interface RecalledFinding {
  runId: string;
  taskId: string;
  text: string;
  /** The passage of the finding that matched the query. */
  snippet: string;
  /** bm25 relevance: higher is more relevant. */
  score: number;
}

/** Findings of plan tasks, kept in the store across runs and found again by what they say. */
export interface PlanMemory {
  /** Keeps a task's result as a finding (an object as JSON), replacing what the same task of the same run kept before. Empty results are not kept. */
  remember(runId: string, taskId: string, finding: unknown): void;
  /** The `k` findings most relevant to `query` (SQLite FTS5, ranked by bm25), best first; only a run's with `runId`. */
  recall(query: string, k?: number, options?: { runId?: string }): RecalledFinding[];
}

/** Plan memory on a store: its findings outlive the run and the process (they are in `swarm.db`). */
export function planMemory(store: Store): PlanMemory {
  return {
    remember(runId, taskId, finding) {
      const text = typeof finding === 'string' ? finding.trim() : finding === undefined ? '' : JSON.stringify(finding);
      if (text === '') return;
      store.findings.put({ runId, taskId, text, createdAt: Date.now() });
    },
    recall(query, k = 5, { runId } = {}) {
      return store.findings.search(searchWords(query), { limit: k, runId }).map(({ runId: run, taskId, text, snippet, rank }) => ({ runId: run, taskId, text, snippet, score: -rank }));
    },
  };
}
