import type { ChildProcess } from 'node:child_process';
import { onTestFinished } from 'vitest';
import { spawnCli } from '../../support/run-cli.ts';

/** A `swarm worker` child process of a test. */
export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** What it wrote to stderr so far. */
  readonly stderr: string;
  /** Resolves once it has said it is answering (connected). */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `swarm worker` on `redis` under `prefix` (its `--lock-ms` short, so a killed worker's dispatches are taken over soon); killed when the test ends. */
export function startWorkerProcess({
  redis,
  prefix,
  cwd,
  concurrency = 16,
  lockMs = 2_000,
  allowCommands = false,
  env = {},
}: {
  redis: string;
  prefix: string;
  cwd: string;
  concurrency?: number;
  lockMs?: number;
  /** `--allow-commands`: also run command passes. */
  allowCommands?: boolean;
  env?: Record<string, string>;
}): WorkerProcess {
  const flags = ['--redis', redis, '--concurrency', String(concurrency), '--lock-ms', String(lockMs), ...(allowCommands ? ['--allow-commands'] : [])];
  const child = spawnCli(['worker', ...flags], {
    cwd,
    env: { SWARM_REDIS_PREFIX: prefix, ...env },
  });
  let stderr = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes('answering up to')) markReady();
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const connected = Promise.race([ready, exited.then(() => Promise.reject(new Error(`swarm worker exited before connecting: ${stderr}`)))]);
  // A worker killed before it connected (a test that kills workers) is no error unless awaited.
  connected.catch(() => {});
  return {
    pid: child.pid!,
    child,
    get stderr() {
      return stderr;
    },
    ready: connected,
    exited,
  };
}
