import { keepHead } from '../../child-process/keep-head.ts';
import { runProcessGroup } from '../../child-process/run-process-group.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { errorCode } from '../error-code.ts';

/** How a program run by `runProgram` ended, and what it wrote (each stream cut at `maxOutputBytes`). */
export interface ProgramRun {
  exitCode: number | null;
  /** The signal that ended it, when one did (e.g. `SIGKILL` after the timeout). */
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

// After the program itself exits, how long its output may take to drain before it is cut off
// (a grandchild that left the process group could otherwise hold the pipes open for ever).
const drainMs = 1000;

/**
 * Runs `program` with `args` and no shell, as the leader of its own process group, so that the
 * timeout, an abort, or the program's own exit kills (SIGKILL) everything it started with it.
 */
export async function runProgram({ program, args, cwd, environment, timeoutMs, maxOutputBytes, abortSignal }: {
  program: string;
  args: string[];
  cwd: string;
  environment: Record<string, string>;
  timeoutMs: number;
  maxOutputBytes: number;
  abortSignal?: AbortSignal;
}): Promise<ProgramRun> {
  abortSignal?.throwIfAborted();
  const stdout = keepHead(maxOutputBytes, { overCap: 'cut' });
  const stderr = keepHead(maxOutputBytes, { overCap: 'cut' });
  const run = await runProcessGroup({ program, args, cwd, env: environment, timeoutMs, killGraceMs: 0, drainMs, stdout, stderr, abortSignal });
  if (run.end === 'not-started') {
    const code = errorCode(run.startError);
    throw new ToolFailedError(code === 'ENOENT' ? `program not found: ${JSON.stringify(program)}` : `cannot run ${JSON.stringify(program)}: ${code ?? 'unknown error'}`);
  }
  abortSignal?.throwIfAborted();
  return { exitCode: run.exitCode, signal: run.signal, timedOut: run.end === 'timeout', stdout: stdout.text(), stderr: stderr.text() };
}
