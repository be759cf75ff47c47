import type { PendingRow } from '../pass/plan-dispatches.ts';

/**
 * How one dispatch is done. `send` does the work that costs (the model call, the user's function);
 * `settle` judges what came back: rows answered are recorded done, the rest failed or handed back to
 * be retried alone. They are separate because an answer may arrive by another road (a provider
 * batch) and still be settled the same way.
 */
export interface WorkerKind<Sent> {
  readonly name: string;
  /** The pool workers that keep `concurrency` calls in flight. */
  workers(concurrency: number): number;
  /** Sends a dispatch; undefined when nothing was sent (no row could be read). */
  send(rows: PendingRow[]): Promise<Sent | undefined>;
  /**
   * Records what `send` brought back; returns the dispatches to do again, each one row alone.
   * Synchronous unless settling takes another call (a correction), as most answers need none.
   */
  settle(sent: Sent): PendingRow[][] | Promise<PendingRow[][]>;
}

/** Sends a dispatch through `kind` and settles its answer: one unit of a pool's work. */
export async function executeWith<Sent>(kind: WorkerKind<Sent>, rows: PendingRow[]): Promise<PendingRow[][]> {
  const sent = await kind.send(rows);
  return sent === undefined ? [] : kind.settle(sent);
}
