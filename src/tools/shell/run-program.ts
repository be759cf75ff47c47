import { spawn } from 'node:child_process';
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
 * timeout, an abort, or the program's own exit kills everything it started with it.
 */
export function runProgram({ program, args, cwd, environment, timeoutMs, maxOutputBytes, abortSignal }: {
  program: string;
  args: string[];
  cwd: string;
  environment: Record<string, string>;
  timeoutMs: number;
  maxOutputBytes: number;
  abortSignal?: AbortSignal;
}): Promise<ProgramRun> {
  abortSignal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env: environment, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = collect(child.stdout, maxOutputBytes);
    const stderr = collect(child.stderr, maxOutputBytes);
    let timedOut = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let groupGone = false;
    const killGroup = () => {
      // Once the group has been killed after its leader exited, its id may be reused: never signal it again.
      if (child.pid === undefined || groupGone) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the whole group has already exited.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    let drainTimer: NodeJS.Timeout | undefined;
    const onAbort = () => killGroup();
    abortSignal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      abortSignal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const done = () =>
      settle(() => {
        if (abortSignal?.aborted) reject(abortSignal.reason);
        else resolve({ exitCode: exit?.code ?? null, signal: exit?.signal ?? null, timedOut, stdout: stdout.text(), stderr: stderr.text() });
      });
    child.on('error', (error) =>
      settle(() => {
        killGroup();
        if (errorCode(error) === 'ENOENT') reject(new ToolFailedError(`program not found: ${JSON.stringify(program)}`));
        else reject(new ToolFailedError(`cannot run ${JSON.stringify(program)}: ${errorCode(error) ?? 'unknown error'}`));
      }),
    );
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Background processes it started die with it: nothing outlives its tool call.
      killGroup();
      groupGone = true;
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        done();
      }, drainMs);
    });
    child.on('close', done);
  });
}

/** Keeps the first `maxBytes` of a stream (draining the rest, so the writer never blocks) and says what was cut. */
function collect(stream: NodeJS.ReadableStream, maxBytes: number): { text: () => string } {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  stream.on('data', (chunk: Buffer) => {
    const piece = chunk.subarray(0, maxBytes - kept);
    chunks.push(piece);
    kept += piece.length;
    dropped += chunk.length - piece.length;
  });
  return {
    text() {
      const text = new TextDecoder().decode(Buffer.concat(chunks));
      return dropped > 0 ? `${text}\n[cut at ${maxBytes} bytes; ${dropped} more bytes not kept]` : text;
    },
  };
}
