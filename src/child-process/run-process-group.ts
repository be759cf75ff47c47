import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import type { OutputCollector } from './output-collector.ts';
import { endGroup, signalGroup } from './process-group.ts';

/** How a process group's run ended: its leader exited on its own, Swarm ended the group, or it never started. */
export type ProcessGroupEnd = 'exited' | 'timeout' | 'aborted' | 'output-cap' | 'not-started';

/** Options of `runProcessGroup`. */
export interface ProcessGroupOptions {
  program: string;
  args: readonly string[];
  cwd: string;
  /** The whole environment the program gets (nothing else is inherited). */
  env: Record<string, string>;
  /** Written to the program's stdin, which is then closed. Default: stdin is closed from the start. */
  stdin?: string;
  /** The group is ended after this long. */
  timeoutMs: number;
  /** Between SIGTERM and SIGKILL when the group is ended; 0 sends SIGKILL at once. */
  killGraceMs: number;
  /** After the leader exits, how long output still held open (by a process outside the group) is waited for. */
  drainMs: number;
  stdout: OutputCollector;
  stderr: OutputCollector;
  /** Ends the group. */
  abortSignal?: AbortSignal;
}

/** What `runProcessGroup` gave; the output is in the collectors. */
export interface ProcessGroupRun {
  end: ProcessGroupEnd;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The leader's process id, which is also its group's. */
  pid?: number;
  /** Why the program could not be started (`end: 'not-started'`). */
  startError?: Error;
}

/**
 * Runs `program` with `args` (no shell of its own) as the leader of a new process group, and
 * resolves once the group is gone: never rejects. On a timeout, an abort, or output past a
 * collector's cap, the whole group is ended (SIGTERM, then SIGKILL after `killGraceMs`); when the
 * leader exits on its own, whatever it left running in its group is ended the same way.
 */
export function runProcessGroup(options: ProcessGroupOptions): Promise<ProcessGroupRun> {
  const { program, args, cwd, env, stdin, timeoutMs, killGraceMs, drainMs, stdout, stderr, abortSignal } = options;
  if (abortSignal?.aborted) return Promise.resolve({ end: 'aborted', exitCode: null, signal: null });
  let child: ChildProcess;
  try {
    child = spawn(program, args, { cwd, env, detached: true, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  } catch (error) {
    return Promise.resolve({ end: 'not-started', exitCode: null, signal: null, startError: error as Error });
  }
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  if (stdin !== undefined && child.stdin !== null) {
    // A program that exits without reading all of its input is not an error of ours (EPIPE).
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  }
  return new Promise((resolve) => {
    let end: ProcessGroupEnd = 'exited';
    let settled = false;
    let exited = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stopGroup = (reason: ProcessGroupEnd) => {
      if (end !== 'exited' || exited || pid === undefined) return;
      end = reason;
      if (killGraceMs === 0) {
        signalGroup(pid, 'SIGKILL');
        return;
      }
      signalGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), killGraceMs);
    };
    const timer = setTimeout(() => stopGroup('timeout'), timeoutMs);
    const onAbort = () => stopGroup('aborted');
    abortSignal?.addEventListener('abort', onAbort, { once: true });
    const cleanUp = () => {
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      abortSignal?.removeEventListener('abort', onAbort);
    };
    const collect = (collector: OutputCollector) => (chunk: Buffer) => {
      if (collector.untilStop === true && end !== 'exited') return;
      if (!collector.push(chunk)) stopGroup('output-cap');
    };
    child.stdout!.on('data', collect(stdout));
    child.stderr!.on('data', collect(stderr));
    const closed = new Promise<void>((resolveClosed) => child.on('close', () => resolveClosed()));

    child.on('error', (error) => {
      // Raised when the program cannot be started (not found, a missing cwd): no process, nothing to end.
      if (settled || child.pid !== undefined) return;
      cleanUp();
      resolve({ end: 'not-started', exitCode: null, signal: null, startError: error });
    });
    child.on('exit', (exitCode, signal) => {
      exited = true;
      void (async () => {
        clearTimeout(timer);
        if (pid !== undefined) {
          await endGroup(pid, killGraceMs);
          liveGroups.delete(pid);
        }
        // Output a process outside the group still holds open is not waited for.
        // (Unreferenced: a timer left behind must not keep the process alive.)
        await Promise.race([closed, delay(drainMs, undefined, { ref: false })]);
        child.stdout!.destroy();
        child.stderr!.destroy();
        cleanUp();
        resolve({ end, exitCode, signal, pid });
      })();
    });
  });
}

// The process groups still running. A process that exits at once (process.exit, a second
// Ctrl-C) cannot wait for them: they get SIGKILL as it goes, rather than run on unseen.
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
});
