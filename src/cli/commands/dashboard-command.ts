import { Command } from 'commander';
import { dashboardUrl } from '../../daemon/dashboard-url.ts';
import { findDaemon } from '../../daemon/find-daemon.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openInBrowser } from '../open-in-browser.ts';
import { cliStoreDir } from '../open-cli-store.ts';

/** `swarm dashboard`: opens the daemon's dashboard in the browser, signed in. */
export function dashboardCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('dashboard')
    .description("open the daemon's dashboard in the browser, signed in (runs live, tables, plans, cost); without a browser to open, print its address")
    .option('--print', 'only print the address (it holds the token: keep it to yourself)')
    .addHelpText('after', '\nExamples:\n  swarm start && swarm dashboard\n  swarm dashboard --print\n')
    .action(async (flags: { print?: boolean }, command: Command) => {
      const dir = cliStoreDir(io, command);
      const daemon = findDaemon(dir);
      if (daemon === undefined) throw new InvalidInputError(`no daemon serves ${dir}; swarm start starts one`);
      const url = dashboardUrl(daemon);
      if (!flags.print && (await openInBrowser(url, { env: io.env }))) {
        io.stdout.write(`Opened the dashboard of http://127.0.0.1:${daemon.port} in the browser.\n`);
      } else {
        io.stdout.write(`${flags.print ? '' : 'No browser to open here; open this address:\n'}${url}\n`);
      }
      setExitCode(exitCodes.ok);
    });
}
