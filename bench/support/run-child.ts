import { spawn } from 'node:child_process';
import type { ChildReport } from './child-report.ts';

/**
 * Runs a benchmark script in a fresh Node process, so its peak memory is its own and no JIT or
 * heap state carries over between Swarm and baseline. Resolves with the report the child printed
 * as its last stdout line (a `ChildReport` unless the benchmark names another shape); rejects
 * when the child fails. With `profileDir`, Node writes a CPU profile of the child there, named
 * `<label>.cpuprofile`.
 */
export function runChild<Report = ChildReport>(
  script: string,
  argumentsValue: unknown,
  { cwd, env = process.env, label, profileDir }: { cwd: string; env?: NodeJS.ProcessEnv; label: string; profileDir?: string },
): Promise<Report> {
  const nodeFlags = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${label}.cpuprofile`];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script, JSON.stringify(argumentsValue)], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${label} (${script}) exited with ${signal ?? `code ${code}`}`));
        return;
      }
      const lastLine = stdout.trimEnd().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(lastLine) as Report);
      } catch {
        reject(new Error(`${label} (${script}) printed no report; its stdout ended with ${JSON.stringify(lastLine.slice(-200))}`));
      }
    });
  });
}
