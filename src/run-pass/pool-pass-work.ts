import type { PassRun } from '../pass/pass-run.ts';
import type { PendingRow } from '../pass/plan-dispatches.ts';
import { runPool } from '../worker-pool/run-pool.ts';
import { executeWith, type WorkerKind } from '../worker-kinds/worker-kind.ts';
import type { PassWork } from './run-leased-pass.ts';

/**
 * A pass's work done in this process: a pool of `kind.workers(concurrency)` workers (never more
 * than `rows`, the rows to do: a one-row pass, a plan's task, starts one, not thousands) sending
 * each dispatch through `kind`. `before` does every dispatch's first call another way (a provider
 * batch) and returns the rows left to do online.
 */
export function poolPassWork(
  kind: WorkerKind<unknown>,
  {
    run,
    concurrency,
    rows,
    before,
    warnings,
    close,
  }: {
    run: PassRun;
    concurrency: number;
    rows: number;
    before?: (dispatches: Generator<PendingRow[]>) => Promise<PendingRow[][]>;
    warnings?: string[];
    close?: () => Promise<void>;
  },
): PassWork {
  return {
    warnings,
    close,
    async answer(dispatches) {
      const requeued = before === undefined ? [] : await before(dispatches);
      await runPool({
        workers: Math.max(1, Math.min(kind.workers(concurrency), rows)),
        source: { next: () => dispatches.next().value ?? undefined },
        execute: (rows) => executeWith(kind, rows),
        abortSignal: run.signal,
        requeued,
      });
    },
  };
}
