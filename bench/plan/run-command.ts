import { spawn } from 'node:child_process';

/** Runs a command line as the baselines do (`sh -c`, stdout collected); resolves with its exit code. */
export function runCommand(line: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', line], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.resume();
    child.on('close', (code) => resolve(code));
  });
}
