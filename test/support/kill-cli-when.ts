import { spawnCli } from './run-cli.ts';

/**
 * Runs `swarm <args>` and kills it with SIGKILL as soon as `ready()` says enough progress was made
 * (asked every `pollMs`); resolves once the killed process is gone. A run that exits on its own
 * first rejects: it ended before it could be killed, and the test would prove nothing.
 */
export async function killCliWhen(
  args: string[],
  { cwd, env, ready, pollMs = 5 }: { cwd: string; env?: Record<string, string>; ready: () => boolean; pollMs?: number },
): Promise<void> {
  const child = spawnCli(args, { cwd, env });
  const closed = new Promise((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, pollMs);
    child.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`swarm ${args[0]} ended (exit code ${code}) before it could be killed`));
    });
  });
  await closed;
}
