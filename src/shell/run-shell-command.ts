import { keepHead } from '../child-process/keep-head.ts';
import { keepTail } from '../child-process/keep-tail.ts';
import { runProcessGroup } from '../child-process/run-process-group.ts';
import type { ShellCommandResult } from './shell-command-result.ts';

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
export async function runShellCommand(
  commandLine: string,
  { cwd, env, timeoutMs, maxOutputBytes, stderrTailBytes = 64 * 1024, killGraceMs = 2000, abortSignal, stdin }: ShellCommandOptions,
): Promise<ShellCommandResult> {
  const startedAt = Date.now();
  const startedMs = performance.now();
  const stdout = keepHead(maxOutputBytes, { overCap: 'end' });
  const stderr = keepTail(stderrTailBytes);
  const run = await runProcessGroup({
    program: '/bin/sh',
    args: ['-c', commandLine],
    cwd,
    env,
    stdin,
    timeoutMs,
    killGraceMs,
    drainMs: killGraceMs,
    stdout,
    stderr,
    abortSignal,
  });
  const { end, exitCode, signal, pid, startError } = run;
  return {
    end,
    exitCode,
    signal,
    stdout: stdout.text(),
    stderrTail: stderr.text(),
    ...(startError === undefined ? {} : { startError: startError.message }),
    ...(pid === undefined ? {} : { pid }),
    startedAt,
    latencyMs: Math.round(performance.now() - startedMs),
  };
}
