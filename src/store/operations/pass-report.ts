import type { SqliteConnection } from '../sqlite-connection.ts';

/** A pass as `swarm passes` and `swarm show-pass` describe it, over all its runs. */
export interface PassReport {
  id: string;
  tableId: string;
  model: string;
  instruction: string;
  context: string | undefined;
  /** `running`, `finished` or `stopped` (see `stopReason`). */
  status: string;
  stopReason: string | undefined;
  createdAt: number;
  /** When its last run ended (or last changed, while one runs). */
  updatedAt: number;
  /** Rows of its table: answered, failed, and with no answer from this pass. */
  rows: { done: number; failed: number; unanswered: number };
  /** Provider calls; of them, rate-limit refusals and retries (attempts after a call's first); answers taken from the cache. */
  calls: number;
  rateLimited: number;
  retries: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when no call had a price. */
  cost: number | undefined;
  /** Runs started, and the time they took together. */
  runs: number;
  runSeconds: number;
}

/** A pass as selected with `passReportColumns`. */
export interface PassReportRow {
  id: string;
  table_id: string;
  model: string;
  instruction: string;
  context: string | null;
  status: string;
  stop_reason: string | null;
  created_at: number;
  updated_at: number;
  cached_calls: number;
  row_count: number;
}

/** The select list and FROM clause that read a `PassReportRow`. */
export const passReportColumns = `p.id, p.table_id, p.model, p.instruction, p.context, p.status, p.stop_reason, p.created_at, p.updated_at, p.cached_calls, t.row_count
  FROM passes p JOIN tables t ON t.id = p.table_id`;

/** The report of one pass: its row, with its results, calls and runs counted. */
export function passReportOf({ statement }: SqliteConnection, pass: PassReportRow): PassReport {
  const results = statement(
    `SELECT coalesce(sum(status = 'done'), 0) AS done, coalesce(sum(status = 'failed'), 0) AS failed FROM results WHERE pass_id = ?`,
  ).get(pass.id) as { done: number; failed: number };
  const usage = statement(
    `SELECT count(*) AS calls, coalesce(sum(error_class = 'rate-limit'), 0) AS rate_limited, coalesce(sum(attempt > 1), 0) AS retries,
            coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens, sum(cost) AS cost
       FROM attempts WHERE pass_id = ?`,
  ).get(pass.id) as { calls: number; rate_limited: number; retries: number; input_tokens: number; output_tokens: number; cost: number | null };
  const runEvents = statement(`SELECT type, at FROM events WHERE pass_id = ? AND type IN ('pass-start', 'pass-end') ORDER BY seq`).all(pass.id) as {
    type: string;
    at: number;
  }[];
  return {
    id: pass.id,
    tableId: pass.table_id,
    model: pass.model,
    instruction: pass.instruction,
    context: pass.context ?? undefined,
    status: pass.status,
    stopReason: pass.stop_reason ?? undefined,
    createdAt: pass.created_at,
    updatedAt: pass.updated_at,
    rows: { done: results.done, failed: results.failed, unanswered: Math.max(0, pass.row_count - results.done - results.failed) },
    calls: usage.calls,
    rateLimited: usage.rate_limited,
    retries: usage.retries,
    cachedCalls: pass.cached_calls,
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    // No call, no cost (all answers from the cache, say); calls without a price leave it unknown.
    cost: usage.cost ?? (usage.calls === 0 ? 0 : undefined),
    runs: runEvents.filter((event) => event.type === 'pass-start').length,
    runSeconds: runSecondsOf(runEvents, (from, to) => {
      const last = statement('SELECT max(ended_at) AS at FROM attempts WHERE pass_id = ? AND started_at >= ? AND started_at < ?').get(pass.id, from, to) as {
        at: number | null;
      };
      return last.at ?? from;
    }),
  };
}

/**
 * The time a pass's runs took: each from its start to its end; a run that ended without saying so
 * (a crash, a `kill -9`) up to its last call's end.
 */
function runSecondsOf(events: { type: string; at: number }[], lastCallEnd: (from: number, to: number) => number): number {
  let total = 0;
  let startedAt: number | undefined;
  for (const event of events) {
    if (startedAt !== undefined) total += event.type === 'pass-end' ? event.at - startedAt : lastCallEnd(startedAt, event.at) - startedAt;
    startedAt = event.type === 'pass-start' ? event.at : undefined;
  }
  if (startedAt !== undefined) total += Math.max(0, lastCallEnd(startedAt, Number.MAX_SAFE_INTEGER) - startedAt);
  return total / 1000;
}
