import type { SqliteConnection } from '../sqlite-connection.ts';

/** One provider call as the store records it. */
export interface StoredAttempt {
  rowIds: readonly string[];
  attempt: number;
  status: string;
  errorClass?: string;
  errorMessage?: string;
  inputTokens: number;
  outputTokens: number;
  cost: number | undefined;
  latencyMs: number;
  rawOutput?: string;
  startedAt: number;
  endedAt: number;
}

/** What a pass's calls used, over all its runs. */
export interface AttemptUsage {
  calls: number;
  /** Calls refused for the rate limit. */
  rateLimited: number;
  /** Calls after a row's first. */
  retries: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when no call had a price (or there was none). */
  cost: number | undefined;
}

/** The provider calls of passes. */
export interface AttemptOperations {
  /** Records one call of a pass. */
  record(passId: string, attempt: StoredAttempt): void;
  /** What a pass's calls used. */
  usage(passId: string): AttemptUsage;
  /** The calls of a table's passes that included this row, oldest first, with the pass of each. */
  ofRow(tableId: string, rowId: string): (StoredAttempt & { passId: string })[];
  /** The output tokens per row of this model's answered calls in the store, on average; undefined with none. */
  averageOutputTokensPerRow(model: string): number | undefined;
}

interface AttemptRow {
  pass_id: string;
  row_ids: string;
  attempt: number;
  status: string;
  error_class: string | null;
  error_message: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  latency_ms: number | null;
  raw_output: string | null;
  started_at: number;
  ended_at: number;
}

/** The attempt operations of a store. */
export function attemptOperations({ statement }: SqliteConnection): AttemptOperations {
  return {
    record(passId, attempt) {
      statement(
        `INSERT INTO attempts (pass_id, row_ids, attempt, status, error_class, error_message, input_tokens, output_tokens,
           cost, latency_ms, raw_output, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        passId,
        JSON.stringify(attempt.rowIds),
        attempt.attempt,
        attempt.status,
        attempt.errorClass ?? null,
        attempt.errorMessage ?? null,
        attempt.inputTokens,
        attempt.outputTokens,
        attempt.cost ?? null,
        attempt.latencyMs,
        attempt.rawOutput ?? null,
        attempt.startedAt,
        attempt.endedAt,
      );
    },
    usage(passId) {
      const usage = statement(
        `SELECT count(*) AS calls, coalesce(sum(error_class = 'rate-limit'), 0) AS rate_limited, coalesce(sum(attempt > 1), 0) AS retries,
                coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens, sum(cost) AS cost
           FROM attempts WHERE pass_id = ?`,
      ).get(passId) as { calls: number; rate_limited: number; retries: number; input_tokens: number; output_tokens: number; cost: number | null };
      return {
        calls: usage.calls,
        rateLimited: usage.rate_limited,
        retries: usage.retries,
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cost: usage.cost ?? undefined,
      };
    },
    ofRow(tableId, rowId) {
      const rows = statement(
        `SELECT a.* FROM attempts a JOIN passes p ON p.id = a.pass_id
          WHERE p.table_id = ? AND EXISTS (SELECT 1 FROM json_each(a.row_ids) WHERE value = ?) ORDER BY a.started_at, a.id`,
      ).all(tableId, rowId) as unknown as AttemptRow[];
      return rows.map((row) => ({
        passId: row.pass_id,
        rowIds: JSON.parse(row.row_ids) as string[],
        attempt: row.attempt,
        status: row.status,
        ...(row.error_class === null ? {} : { errorClass: row.error_class }),
        ...(row.error_message === null ? {} : { errorMessage: row.error_message }),
        inputTokens: row.input_tokens ?? 0,
        outputTokens: row.output_tokens ?? 0,
        cost: row.cost ?? undefined,
        latencyMs: row.latency_ms ?? 0,
        ...(row.raw_output === null ? {} : { rawOutput: row.raw_output }),
        startedAt: row.started_at,
        endedAt: row.ended_at,
      }));
    },
    averageOutputTokensPerRow(model) {
      const average = statement(
        `SELECT avg(a.output_tokens * 1.0 / json_array_length(a.row_ids)) AS perRow FROM attempts a JOIN passes p ON p.id = a.pass_id WHERE p.model = ? AND a.status = 'ok'`,
      ).get(model) as { perRow: number | null };
      return average.perRow ?? undefined;
    },
  };
}
