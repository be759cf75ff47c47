import { Command } from 'commander';
import { findDaemon } from '../../daemon/find-daemon.ts';
import { stopDaemon } from '../../daemon/stop-daemon.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { cliStoreDir } from '../open-cli-store.ts';

/** `swarm stop`: stops the store's daemon; the runs it had under way resume on the next start. */
export function stopCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('stop')
    .description("stop the store's daemon: runs under way are stopped (rows answered so far are kept) and resume on the next swarm start")
    .addHelpText('after', '\nExample:\n  swarm stop\n')
    .action(async (_flags: object, command: Command) => {
      const dir = cliStoreDir(io, command);
      const daemon = findDaemon(dir);
      if (daemon === undefined) io.stdout.write(`No daemon runs for ${dir}.\n`);
      else {
        await stopDaemon(daemon);
        io.stdout.write(`Stopped the daemon (pid ${daemon.pid}).\n`);
      }
      setExitCode(exitCodes.ok);
    });
}
