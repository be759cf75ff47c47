import { Command } from 'commander';
import { daemonLogPath } from '../../daemon/daemon-log.ts';
import { dashboardUrl } from '../../daemon/dashboard-url.ts';
import { findDaemon } from '../../daemon/find-daemon.ts';
import { startDaemon } from '../../daemon/start-daemon.ts';
import { stopDaemon } from '../../daemon/stop-daemon.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { cliStoreDir } from '../open-cli-store.ts';
import { addDaemonOptions } from './start-command.ts';

/** `swarm restart`: stop, then start (on the same port unless told another); runs under way resume. */
export function restartCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return addDaemonOptions(new Command('restart'))
    .description("stop the store's daemon and start it again (on the port it had, unless --port says otherwise); runs under way resume, and keys or swarm.config.yaml changed since are read anew")
    .addHelpText('after', '\nExamples:\n  swarm restart\n  swarm restart --port 8787\n')
    .action(async (flags: { port: number; maxBodyBytes?: number }, command: Command) => {
      const dir = cliStoreDir(io, command);
      const running = findDaemon(dir);
      if (running !== undefined) await stopDaemon(running);
      const port = command.getOptionValueSource('port') === 'cli' || running === undefined ? flags.port : running.port;
      const daemon = await startDaemon({ dir, cwd: io.cwd, env: io.env, port, maxBodyBytes: flags.maxBodyBytes });
      io.stdout.write(`Swarm daemon running on http://127.0.0.1:${daemon.port} (pid ${daemon.pid}); log: ${daemonLogPath(dir)}\nDashboard: ${dashboardUrl(daemon)}\n`);
      setExitCode(exitCodes.ok);
    });
}
