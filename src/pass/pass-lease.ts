import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Store } from '../store/store.ts';
import { PassBusyError } from './pass-busy-error.ts';

/** A run of a pass holds its lease while it runs: a second run of the same pass is refused meanwhile. */
export interface PassLease {
  /** Ends the lease (the run is over, however it ended). */
  release(): void;
}

// How often a run says it is alive, and how long a run on another machine is believed without it.
const heartbeatMs = 5_000;
const staleAfterMs = 30_000;
const thisHost = hostname();
// Runs of this process still going, by runner id: a run here is alive exactly while it is in this set.
const runningHere = new Set<string>();

/**
 * Takes the lease of `passId` for this run; call inside the transaction that marks the pass
 * running. A run elsewhere holds it while it is alive: in this process while it runs, on this
 * machine while its process lives, on another machine while its heartbeat is recent. A run that
 * crashed (a `kill -9`) is taken over at once on the same machine.
 */
export function acquirePassLease(store: Store, passId: string, now = Date.now()): PassLease {
  const live = liveRunOf(store, passId, now);
  if (live !== undefined) throw new PassBusyError({ passId, where: live.where, since: live.since });
  const runner = `${thisHost}|${process.pid}|${randomUUID().slice(0, 8)}`;
  const beat = store.statement('UPDATE passes SET runner = ?, heartbeat_at = ? WHERE id = ?');
  beat.run(runner, now, passId);
  runningHere.add(runner);
  const heartbeat = setInterval(() => beat.run(runner, Date.now(), passId), heartbeatMs).unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      runningHere.delete(runner);
      store.statement('UPDATE passes SET runner = NULL WHERE id = ? AND runner = ?').run(passId, runner);
    },
  };
}

/** Where a run of `passId` is alive, and since when; undefined when none is. */
export function liveRunOf(store: Store, passId: string, now = Date.now()): { where: string; since: number } | undefined {
  const held = store.statement('SELECT status, runner, heartbeat_at FROM passes WHERE id = ?').get(passId) as
    | { status: string; runner: string | null; heartbeat_at: number | null }
    | undefined;
  if (held?.status !== 'running' || held.runner === null || !isAlive(held.runner, held.heartbeat_at ?? 0, now)) return undefined;
  return { where: describeRunner(held.runner), since: held.heartbeat_at ?? now };
}

function isAlive(runner: string, heartbeatAt: number, now: number): boolean {
  const [host, pidText] = runner.split('|');
  const pid = Number(pidText);
  if (host !== thisHost || !Number.isInteger(pid)) return now - heartbeatAt < staleAfterMs;
  if (pid === process.pid) return runningHere.has(runner);
  // A live run beats every few seconds: a silent one is gone, even if its pid was reused since.
  if (now - heartbeatAt >= staleAfterMs) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

// A process killed but not yet reaped by its parent (a zombie) still answers signal 0; it runs
// nothing. Linux shows its state in /proc (the field after the command name, which may hold ')').
function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat[stat.lastIndexOf(')') + 2];
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

function describeRunner(runner: string): string {
  const [host, pid] = runner.split('|');
  if (host !== thisHost) return `on ${host}, process ${pid}`;
  return Number(pid) === process.pid ? 'in this process' : `in process ${pid}`;
}
