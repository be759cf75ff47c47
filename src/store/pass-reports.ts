import { NotFoundError } from '../errors/not-found-error.ts';
import type { Store } from './store.ts';

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

interface PassRow {
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

const passColumns = `p.id, p.table_id, p.model, p.instruction, p.context, p.status, p.stop_reason, p.created_at, p.updated_at, p.cached_calls, t.row_count
  FROM passes p JOIN tables t ON t.id = p.table_id`;

/** The passes of a table, oldest first. */
export function listPasses(store: Store, tableId: string): PassReport[] {
  const passes = store.statement(`SELECT ${passColumns} WHERE p.table_id = ? ORDER BY p.created_at, p.id`).all(tableId) as unknown as PassRow[];
  return passes.map((pass) => reportOf(store, pass));
}

/** One pass; an unknown id is a NotFoundError naming the most recent passes. */
export function passReport(store: Store, passId: string): PassReport {
  const pass = store.statement(`SELECT ${passColumns} WHERE p.id = ?`).get(passId) as PassRow | undefined;
  if (pass === undefined) {
    const recent = (store.statement('SELECT id FROM passes ORDER BY updated_at DESC LIMIT 5').all() as { id: string }[]).map((row) => row.id);
    throw new NotFoundError('pass', passId, recent.length > 0 ? `Recent passes: ${recent.join(', ')} (see \`swarm passes TABLE\`)` : 'The store has no passes yet');
  }
  return reportOf(store, pass);
}

/** The most recently run pass of a table, or undefined when it has none. */
export function latestPassOf(store: Store, tableId: string): string | undefined {
  const latest = store.statement('SELECT id FROM passes WHERE table_id = ? ORDER BY updated_at DESC, id LIMIT 1').get(tableId) as { id: string } | undefined;
  return latest?.id;
}

function reportOf(store: Store, pass: PassRow): PassReport {
  const results = store
    .statement(`SELECT coalesce(sum(status = 'done'), 0) AS done, coalesce(sum(status = 'failed'), 0) AS failed FROM results WHERE pass_id = ?`)
    .get(pass.id) as { done: number; failed: number };
  const usage = store
    .statement(
      `SELECT count(*) AS calls, coalesce(sum(error_class = 'rate-limit'), 0) AS rate_limited, coalesce(sum(attempt > 1), 0) AS retries,
              coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens, sum(cost) AS cost
         FROM attempts WHERE pass_id = ?`,
    )
    .get(pass.id) as { calls: number; rate_limited: number; retries: number; input_tokens: number; output_tokens: number; cost: number | null };
  const runEvents = store
    .statement(`SELECT type, at FROM events WHERE pass_id = ? AND type IN ('pass-start', 'pass-end') ORDER BY seq`)
    .all(pass.id) as { type: string; at: number }[];
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
      const last = store.statement('SELECT max(ended_at) AS at FROM attempts WHERE pass_id = ? AND started_at >= ? AND started_at < ?').get(pass.id, from, to) as { at: number | null };
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

/** The ids of a table's passes. */
export function passIdsOf(store: Store, tableId: string): string[] {
  return (store.statement('SELECT id FROM passes WHERE table_id = ? ORDER BY created_at, id').all(tableId) as { id: string }[]).map((row) => row.id);
}
