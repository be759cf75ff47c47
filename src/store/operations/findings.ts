import type { SqliteConnection } from '../sqlite-connection.ts';

/** A finding of a plan task, as plan memory keeps it. */
export interface StoredFinding {
  runId: string;
  taskId: string;
  text: string;
  createdAt: number;
}

/** A finding that matched a search: with the passage that matched, and its bm25 rank (lower is better). */
export interface FoundFinding extends StoredFinding {
  snippet: string;
  rank: number;
}

/** Plan memory's findings, searched by full text. */
export interface FindingOperations {
  /** Keeps a task's finding, in place of what the same task of the same run kept before. */
  put(finding: StoredFinding): void;
  /**
   * The findings holding any of `words` (each matched as a word, stemmed), best first by bm25, at
   * most `limit`; only a run's with `runId`. No words: none.
   */
  search(words: readonly string[], { limit, runId }: { limit: number; runId?: string }): FoundFinding[];
}

// Tokens of a snippet: a passage around the match, not the whole finding.
const snippetTokens = 48;

/** The finding operations of a store. */
export function findingOperations({ statement, transaction }: SqliteConnection): FindingOperations {
  return {
    put({ runId, taskId, text, createdAt }) {
      transaction(() => {
        statement('DELETE FROM findings WHERE run_id = ? AND task_id = ?').run(runId, taskId);
        statement('INSERT INTO findings (text, run_id, task_id, created_at) VALUES (?, ?, ?, ?)').run(text, runId, taskId, createdAt);
      });
    },
    search(words, { limit, runId }) {
      if (words.length === 0) return [];
      // Each word a quoted string: nothing in it is read as FTS5 query syntax.
      const match = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' OR ');
      const rows = statement(
        `SELECT text, run_id, task_id, created_at, snippet(findings, 0, '', '', '…', ${snippetTokens}) AS snippet, rank
           FROM findings WHERE findings MATCH ?1 AND (?2 IS NULL OR run_id = ?2)
          ORDER BY rank, rowid LIMIT ?3`,
      ).all(match, runId ?? null, limit) as { text: string; run_id: string; task_id: string; created_at: number; snippet: string; rank: number }[];
      return rows.map((row) => ({ runId: row.run_id, taskId: row.task_id, text: row.text, createdAt: row.created_at, snippet: row.snippet, rank: row.rank }));
    },
  };
}
