import { Command, Option } from 'commander';
import { daemonLogPath } from '../../daemon/daemon-log.ts';
import { dashboardUrl } from '../../daemon/dashboard-url.ts';
import { serveDaemon } from '../../daemon/serve-daemon.ts';
import { startDaemon } from '../../daemon/start-daemon.ts';
import { defaultMaxBodyBytes } from '../../http-api/create-http-app.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { cliStoreDir } from '../open-cli-store.ts';
import { parsePort, parseWholeNumber } from '../parse-numbers.ts';
import { swarmVersion } from '../swarm-version.ts';

/** The port `swarm start` listens on unless told. */
const defaultDaemonPort = 9999;

interface StartFlags {
  port: number;
  maxBodyBytes?: number;
  foreground?: boolean;
  json?: boolean;
}

/** `swarm start`: the store's daemon, in the background (or `--foreground`). */
export function startCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return addDaemonOptions(new Command('start'))
    .description(
      "start the store's daemon: a background process holding the machine's rate limiters, serving the HTTP API and MCP (/mcp) on 127.0.0.1; while it runs, swarm run (passes and task files), plan run, research, parallel, bench and mcp from this folder go through it",
    )
    .option('--foreground', 'run the daemon in this process, logging to stdout, until Ctrl-C or SIGTERM (for a service manager)')
    .option('--json', 'print { pid, port, started, store, log, dashboard } as JSON')
    .addHelpText('after', '\nExamples:\n  swarm start\n  swarm start --port 8787\n  swarm dashboard\n  swarm status\n')
    .action(async (flags: StartFlags, command: Command) => {
      const dir = cliStoreDir(io, command);
      if (flags.foreground) {
        await serveInForeground(io, dir, flags);
        setExitCode(exitCodes.ok);
        return;
      }
      const daemon = await startDaemon({ dir, cwd: io.cwd, env: io.env, port: flags.port, maxBodyBytes: flags.maxBodyBytes });
      const log = daemonLogPath(dir);
      const dashboard = dashboardUrl(daemon);
      if (flags.json) io.stdout.write(`${JSON.stringify({ pid: daemon.pid, port: daemon.port, started: daemon.started, store: dir, log, dashboard })}\n`);
      else io.stdout.write(`Swarm daemon running on http://127.0.0.1:${daemon.port} (pid ${daemon.pid}); log: ${log}\nDashboard: ${dashboard}\n`);
      setExitCode(exitCodes.ok);
    });
}

/** The options `start` and `restart` share. */
export function addDaemonOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <port>', 'port on 127.0.0.1 (0: any free port)').default(defaultDaemonPort).argParser(parsePort))
    .addOption(new Option('--max-body-bytes <n>', `largest request body the API takes; larger ones get 413 (default: ${defaultMaxBodyBytes})`).argParser(parseWholeNumber));
}

async function serveInForeground(io: CliIo, dir: string, flags: StartFlags): Promise<void> {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await serveDaemon({
      dir,
      cwd: io.cwd,
      env: io.env,
      port: flags.port,
      maxBodyBytes: flags.maxBodyBytes,
      version: swarmVersion(),
      log: (line) => io.stdout.write(`${new Date().toISOString()} ${line}\n`),
      stopped,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
