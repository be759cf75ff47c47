import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { onTestFinished } from 'vitest';
import { openSwarm, type OpenSwarmOptions, type Swarm } from '../../../src/index.ts';
import { testBackend } from './test-backend.ts';

/** A store and a working folder of its own for one test, closed and removed when the test ends. */
export interface TempSwarm {
  swarm: Swarm;
  /** The working folder: relative source paths resolve here. */
  cwd: string;
  /** Writes `content` to `relativePath` under `cwd` (creating folders) and returns the relative path. */
  write(relativePath: string, content: string): string;
  /** Runs a read-only query on `<dir>/swarm.db` through its own SQLite connection. */
  query<T = Record<string, unknown>>(sql: string, ...params: SQLInputValue[]): T[];
}

/**
 * Opens a fresh store in a temp folder, with an empty config and no SWARM_MODEL. Its passes run on
 * the backend `SWARM_TEST_BACKEND` names (see `testBackend`): the same tests hold for each.
 */
export function tempSwarm(options: Omit<OpenSwarmOptions, 'dir' | 'cwd'> = {}): TempSwarm {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-library-'));
  const cwd = path.join(root, 'work');
  mkdirSync(cwd);
  const backend = testBackend();
  const swarm = openSwarm({ dir: path.join(root, 'store'), cwd, config: { aliases: {}, providers: {}, prices: {} }, env: {}, backend, ...options });
  onTestFinished(async () => {
    swarm.close();
    await backend?.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    swarm,
    cwd,
    write(relativePath, content) {
      const target = path.join(cwd, relativePath);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
      return relativePath;
    },
    query<T>(sql: string, ...params: SQLInputValue[]) {
      const database = new DatabaseSync(path.join(swarm.dir, 'swarm.db'), { readOnly: true });
      try {
        return database.prepare(sql).all(...params) as T[];
      } finally {
        database.close();
      }
    },
  };
}

/** One model call as stored in the attempts table, with its row ids parsed. */
export interface StoredAttempt {
  passId: string;
  rowIds: string[];
  attempt: number;
  status: string;
  errorClass: string | null;
  errorMessage: string | null;
  inputTokens: number;
  outputTokens: number;
  cost: number | null;
  latencyMs: number;
  rawOutput: string | null;
}

/** Every attempt in the store, in the order they were written. */
export function storedAttempts({ query }: TempSwarm): StoredAttempt[] {
  return query<Record<string, unknown>>('SELECT * FROM attempts ORDER BY id').map((row) => ({
    passId: row.pass_id as string,
    rowIds: JSON.parse(row.row_ids as string) as string[],
    attempt: row.attempt as number,
    status: row.status as string,
    errorClass: row.error_class as string | null,
    errorMessage: row.error_message as string | null,
    inputTokens: row.input_tokens as number,
    outputTokens: row.output_tokens as number,
    cost: row.cost as number | null,
    latencyMs: row.latency_ms as number,
    rawOutput: row.raw_output as string | null,
  }));
}

/** `count` task rows `t01`, `t02`, … with a `text` column. */
export function numberedTasks(count: number, extra: (index: number) => Record<string, unknown> = () => ({})): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({ id: `t${String(index + 1).padStart(2, '0')}`, text: `message ${index + 1}`, ...extra(index) }));
}

/** The response schema most tests use: two required columns. */
export const labelSchema = {
  type: 'object',
  properties: {
    label: { type: 'string', enum: ['spam', 'ham'] },
    score: { type: 'integer', minimum: 0, maximum: 10 },
  },
  required: ['label', 'score'],
  additionalProperties: false,
};
