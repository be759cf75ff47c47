import { Command } from 'commander';
import { daemonLogPath, daemonLogTail } from '../../daemon/daemon-log.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { cliStoreDir } from '../open-cli-store.ts';
import { parseWholeNumber } from '../parse-numbers.ts';

/** `swarm logs [N]`: the last lines of the daemon's log. */
export function logsCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('logs')
    .description("print the last lines of the daemon's log (<store>/daemon.log)")
    .argument('[lines]', 'how many lines (default 50)', parseWholeNumber)
    .addHelpText('after', '\nExamples:\n  swarm logs\n  swarm logs 200\n')
    .action(async (lines: number | undefined, _flags: object, command: Command) => {
      const dir = cliStoreDir(io, command);
      const tail = daemonLogTail(dir, lines ?? 50);
      if (tail.length === 0) io.stderr.write(`No daemon log at ${daemonLogPath(dir)}.\n`);
      else io.stdout.write(`${tail.join('\n')}\n`);
      setExitCode(exitCodes.ok);
    });
}
