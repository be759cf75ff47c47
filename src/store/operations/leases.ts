import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SqliteConnection } from '../sqlite-connection.ts';
import { isProcessAlive } from './process-alive.ts';

/** A run of a pass (or a plan) holds its lease while it runs: a second run of the same one is refused meanwhile. */
export interface PassLease {
  /** Ends the lease (the run is over, however it ended). */
  release(): void;
}

/** Where the run holding a pass's lease is alive, and since when. */
export interface LiveRun {
  /** `in this process`, `in process 123`, `on host, process 123`. */
  where: string;
  since: number;
}

/**
 * The leases of passes (or of plan runs): one run of each at a time, across processes and machines.
 * Each store (each Swarm) knows the runs it holds itself; another holder is believed alive on this
 * machine while its process lives, elsewhere while its heartbeat is recent.
 */
export interface LeaseOperations {
  /**
   * Takes the lease of `passId` (a plan run's id, for plan leases) for a run, or says where the run
   * holding it is alive. Call inside the transaction that marks it running. A run that crashed (a `kill -9`) is taken over at
   * once on the same machine.
   */
  take(passId: string, now?: number): { lease: PassLease } | { heldBy: LiveRun };
  /** Where a run of `passId` is alive, and since when; undefined when none is. */
  liveRun(passId: string, now?: number): LiveRun | undefined;
}

// How often a run says it is alive, and how long a run on another machine is believed without it.
const heartbeatMs = 5_000;
const staleAfterMs = 30_000;
const thisHost = hostname();

/** The lease operations of a store: of its passes, or (`plan_runs`) of its plan runs. */
export function leaseOperations({ statement }: SqliteConnection, table: 'passes' | 'plan_runs' = 'passes'): LeaseOperations {
  // Runs this store holds, by runner id: a run here is alive exactly while it is in this set.
  const runningHere = new Set<string>();
  const beat = (passId: string, runner: string, at: number) => statement(`UPDATE ${table} SET runner = ?, heartbeat_at = ? WHERE id = ?`).run(runner, at, passId);
  const liveRun = (passId: string, now = Date.now()): LiveRun | undefined => {
    const held = statement(`SELECT status, runner, heartbeat_at FROM ${table} WHERE id = ?`).get(passId) as
      | { status: string; runner: string | null; heartbeat_at: number | null }
      | undefined;
    if (held?.status !== 'running' || held.runner === null || !isAlive(held.runner, held.heartbeat_at ?? 0, now, runningHere)) return undefined;
    return { where: describeRunner(held.runner), since: held.heartbeat_at ?? now };
  };
  return {
    take(passId, now = Date.now()) {
      const live = liveRun(passId, now);
      if (live !== undefined) return { heldBy: live };
      const runner = `${thisHost}|${process.pid}|${randomUUID().slice(0, 8)}`;
      beat(passId, runner, now);
      runningHere.add(runner);
      const heartbeat = setInterval(() => beat(passId, runner, Date.now()), heartbeatMs).unref();
      let released = false;
      return {
        lease: {
          release() {
            if (released) return;
            released = true;
            clearInterval(heartbeat);
            runningHere.delete(runner);
            statement(`UPDATE ${table} SET runner = NULL WHERE id = ? AND runner = ?`).run(passId, runner);
          },
        },
      };
    },
    liveRun,
  };
}

function isAlive(runner: string, heartbeatAt: number, now: number, runningHere: ReadonlySet<string>): boolean {
  const [host, pidText] = runner.split('|');
  const pid = Number(pidText);
  if (host !== thisHost || !Number.isInteger(pid)) return now - heartbeatAt < staleAfterMs;
  if (runningHere.has(runner)) return true;
  // A live run beats every few seconds: a silent one is gone, even if its pid was reused since.
  if (now - heartbeatAt >= staleAfterMs) return false;
  // A run of this process that this store does not hold is another Swarm's, on the same store
  // file: alive while it beats.
  if (pid === process.pid) return true;
  return isProcessAlive(pid);
}

function describeRunner(runner: string): string {
  const [host, pid] = runner.split('|');
  if (host !== thisHost) return `on ${host}, process ${pid}`;
  return Number(pid) === process.pid ? 'in this process' : `in process ${pid}`;
}
