import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository root, where bin/swarm.ts lives. */
export const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** Starts `swarm <args>` as a real child process on the pinned Node. */
export function spawnCli(args: string[], { cwd, env = {} }: { cwd: string; env?: Record<string, string> }): ChildProcess {
  return spawn(process.execPath, [path.join(repositoryRoot, 'bin/swarm.ts'), ...args], {
    cwd,
    env: { ...process.env, SWARM_MODEL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `swarm <args>` to completion and returns its exit code and output. */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
