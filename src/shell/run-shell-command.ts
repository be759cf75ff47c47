import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { endGroup, signalGroup } from './process-group.ts';
import type { ShellCommandEnd, ShellCommandResult } from './shell-command-result.ts';

/** Options of `runShellCommand`. */
export interface ShellCommandOptions {
  /** Folder the command runs in. */
  cwd: string;
  /** The whole environment the command gets (nothing else is inherited). */
  env: Record<string, string>;
  /** The command's process group is ended after this long. */
  timeoutMs: number;
  /** More standard output than this ends the command's process group. */
  maxOutputBytes: number;
  /** How much of the end of standard error is kept. Default 64 KiB. */
  stderrTailBytes?: number;
  /** Between SIGTERM and SIGKILL when Swarm ends a process group. Default 2000. */
  killGraceMs?: number;
  /** Ends the command's process group. */
  abortSignal?: AbortSignal;
  /** Written to the command's stdin, which is then closed. Default: stdin is closed from the start. */
  stdin?: string;
}

/**
 * Runs `commandLine` with `sh -c` in a process group of its own, stdin closed (or reading `stdin`),
 * and resolves once the group is gone: never rejects. On a timeout, an abort or output past the
 * cap, the whole group (the shell and everything it started) gets SIGTERM, then SIGKILL after
 * `killGraceMs`; when the shell exits on its own, whatever it left running in its group is ended
 * the same way.
 */
export function runShellCommand(
  commandLine: string,
  { cwd, env, timeoutMs, maxOutputBytes, stderrTailBytes = 64 * 1024, killGraceMs = 2000, abortSignal, stdin }: ShellCommandOptions,
): Promise<ShellCommandResult> {
  const startedAt = Date.now();
  const startedMs = performance.now();
  const ended = (fields: Omit<ShellCommandResult, 'startedAt' | 'latencyMs'>): ShellCommandResult => ({
    ...fields,
    startedAt,
    latencyMs: Math.round(performance.now() - startedMs),
  });
  if (abortSignal?.aborted) return Promise.resolve(ended({ end: 'aborted', exitCode: null, signal: null, stdout: '', stderrTail: '' }));

  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', commandLine], { cwd, env, detached: true, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  } catch (error) {
    return Promise.resolve(ended({ end: 'not-started', exitCode: null, signal: null, stdout: '', stderrTail: '', startError: (error as Error).message }));
  }

  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  if (stdin !== undefined && child.stdin !== null) {
    // A command that exits without reading all of its input is not an error of ours (EPIPE).
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  }
  return new Promise<ShellCommandResult>((resolve) => {
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    const stderr = tailOf(stderrTailBytes);
    let end: ShellCommandEnd = 'exited';
    let settled = false;
    let exited = false;
    let killTimer: NodeJS.Timeout | undefined;

    const stopGroup = (reason: ShellCommandEnd) => {
      if (end !== 'exited' || exited || pid === undefined) return;
      end = reason;
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

    child.stdout!.on('data', (chunk: Buffer) => {
      if (end !== 'exited') return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxOutputBytes) {
        stdout.push(chunk.subarray(0, chunk.length - (stdoutBytes - maxOutputBytes)));
        stopGroup('output-cap');
      } else stdout.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    const closed = new Promise<void>((resolveClosed) => child.on('close', () => resolveClosed()));

    child.on('error', (error) => {
      // Raised when the shell cannot be started (a missing cwd): no process, nothing to end.
      if (settled || child.pid !== undefined) return;
      cleanUp();
      resolve(ended({ end: 'not-started', exitCode: null, signal: null, stdout: '', stderrTail: '', startError: error.message }));
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
        await Promise.race([closed, delay(killGraceMs, undefined, { ref: false })]);
        child.stdout!.destroy();
        child.stderr!.destroy();
        cleanUp();
        resolve(ended({ end, exitCode, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderrTail: stderr.text(), pid }));
      })();
    });
  });
}

// The process groups of commands still running. A process that exits at once (process.exit, a
// second Ctrl-C) cannot wait for them: they get SIGKILL as it goes, rather than run on unseen.
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
});

/** Keeps the last `limit` bytes of what is pushed. */
function tailOf(limit: number): { push(chunk: Buffer): void; text(): string } {
  let chunks: Buffer[] = [];
  let bytes = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      bytes += chunk.length;
      while (chunks.length > 1 && bytes - chunks[0]!.length >= limit) bytes -= chunks.shift()!.length;
    },
    text() {
      const all = Buffer.concat(chunks);
      chunks = [all];
      return all.subarray(Math.max(0, all.length - limit)).toString('utf8');
    },
  };
}
