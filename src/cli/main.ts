import { Command, CommanderError, Option } from 'commander';
import { SwarmError } from '../errors/swarm-error.ts';
import { redactSecrets } from '../call/redact-secrets.ts';
import type { CliIo } from './cli-io.ts';
import { createCommand } from './commands/create-command.ts';
import { dashboardCommand } from './commands/dashboard-command.ts';
import { dropCommand } from './commands/drop-command.ts';
import { exportCommand } from './commands/export-command.ts';
import { failuresCommand } from './commands/failures-command.ts';
import { filterCommand } from './commands/filter-command.ts';
import { passesCommand } from './commands/passes-command.ts';
import { planCommand } from './commands/plan-command.ts';
import { replayCommand } from './commands/replay-command.ts';
import { researchCommand } from './commands/research-command.ts';
import { rowsCommand } from './commands/rows-command.ts';
import { runCommand } from './commands/run-command.ts';
import { showCommand } from './commands/show-command.ts';
import { showPassCommand } from './commands/show-pass-command.ts';
import { simulateCommand } from './commands/simulate-command.ts';
import { seedCommand } from './commands/seed-command.ts';
import { spendCommand } from './commands/spend-command.ts';
import { tablesCommand } from './commands/tables-command.ts';
import { benchCommand } from './commands/bench-command.ts';
import { logsCommand } from './commands/logs-command.ts';
import { mcpCommand } from './commands/mcp-command.ts';
import { parallelCommand } from './commands/parallel-command.ts';
import { restartCommand } from './commands/restart-command.ts';
import { startCommand } from './commands/start-command.ts';
import { statusCommand } from './commands/status-command.ts';
import { stopCommand } from './commands/stop-command.ts';
import { workerCommand } from './commands/worker-command.ts';
import { workersCommand } from './commands/workers-command.ts';
import { exitCodeHelp, exitCodes } from './exit-codes.ts';
import { swarmVersion } from './swarm-version.ts';
import { ProviderWaitError } from '../governed-model/provider-wait-error.ts';
import { DaemonStoppedError } from '../daemon-client/daemon-stopped-error.ts';

const commands = [
  createCommand,
  runCommand,
  rowsCommand,
  failuresCommand,
  tablesCommand,
  passesCommand,
  showCommand,
  showPassCommand,
  spendCommand,
  exportCommand,
  dropCommand,
  filterCommand,
  simulateCommand,
  seedCommand,
  planCommand,
  replayCommand,
  researchCommand,
  parallelCommand,
  benchCommand,
  startCommand,
  stopCommand,
  statusCommand,
  restartCommand,
  logsCommand,
  dashboardCommand,
  mcpCommand,
  workerCommand,
  workersCommand,
];

/** Runs the `swarm` CLI with `argv` (without the node and script paths); resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  // With --json, a script reads errors as JSON too: { "error": { name, message, exitCode } } on stderr.
  const json = argv.includes('--json');
  let usageError: string | undefined;
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => {
      if (json) usageError = text.replace(/^error: /, '').trim();
      else write(text);
    },
  };
  const program = new Command('swarm')
    .description('Fan LLM work out over the rows of a table: structured answers per row, durable, resumable.')
    .version(swarmVersion(), '-V, --version', 'print the version')
    .addOption(new Option('--dir <path>', 'store folder (default: $SWARM_DIR, else .swarm in the working directory)'))
    .addHelpText('after', `\n${exitCodeHelp}\n\nQuick start:\n  swarm run --tasks examples/reviews.jsonl --instruction "Classify the sentiment of {text}" \\\n    --schema examples/sentiment.schema.json --model mock\n`)
    .configureOutput(output)
    .exitOverride()
    .showHelpAfterError(json ? false : '(run with --help for usage)');
  // Subcommands too (`plan run`): every command reports errors the same way.
  const configure = (command: Command): Command => {
    command.exitOverride().configureOutput(output).showHelpAfterError(json ? false : '(run with --help for usage)');
    for (const subcommand of command.commands) configure(subcommand);
    return command;
  };
  for (const command of commands) program.addCommand(configure(command(io, setExitCode)));
  const fail = (name: string, message: string, code: number): number => {
    io.stderr.write(json ? `${JSON.stringify({ error: { name, message, exitCode: code } })}\n` : `swarm: ${message}\n`);
    return code;
  };
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return exitCodes.ok;
      if (json) io.stderr.write(`${JSON.stringify({ error: { name: 'UsageError', message: usageError ?? error.message, exitCode: exitCodes.badInput } })}\n`);
      return exitCodes.badInput;
    }
    if (SwarmError.isInstance(error)) {
      // A provider holding the key for hours, or a daemon stopping under a pass, is a stop, not bad input.
      const stopped = ProviderWaitError.isInstance(error) || DaemonStoppedError.isInstance(error);
      return fail(error.name, error.message, stopped ? exitCodes.stopped : exitCodes.badInput);
    }
    const message = error instanceof Error ? (io.env.SWARM_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
    return fail('InternalError', `internal error: ${redactSecrets(message, io.env)}`, exitCodes.internalError);
  }
}
