import { Command, CommanderError, Option } from 'commander';
import { SwarmError } from '../errors/swarm-error.ts';
import { redactSecrets } from '../call/redact-secrets.ts';
import type { CliIo } from './cli-io.ts';
import { createCommand } from './commands/create-command.ts';
import { exportCommand } from './commands/export-command.ts';
import { filterCommand } from './commands/filter-command.ts';
import { rowsCommand } from './commands/rows-command.ts';
import { runCommand } from './commands/run-command.ts';
import { simulateCommand } from './commands/simulate-command.ts';
import { seedCommand } from './commands/seed-command.ts';
import { tablesCommand } from './commands/tables-command.ts';
import { exitCodeHelp, exitCodes } from './exit-codes.ts';
import { ProviderWaitError } from '../pass/provider-wait-error.ts';

/** Runs the `swarm` CLI with `argv` (without the node and script paths); resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const program = new Command('swarm')
    .description('Fan LLM work out over the rows of a table: structured answers per row, durable, resumable.')
    .addOption(new Option('--dir <path>', 'store folder (default: $SWARM_DIR, else .swarm in the working directory)'))
    .addHelpText('after', `\n${exitCodeHelp}\n\nQuick start:\n  swarm run --tasks examples/reviews.jsonl --instruction "Classify the sentiment of {text}" \\\n    --schema examples/sentiment.schema.json --model mock\n`)
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const command of [createCommand, runCommand, rowsCommand, tablesCommand, exportCommand, filterCommand, simulateCommand, seedCommand]) {
    program.addCommand(command(io, setExitCode).exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) }).showHelpAfterError('(run with --help for usage)'));
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    }
    if (SwarmError.isInstance(error)) {
      io.stderr.write(`swarm: ${error.message}\n`);
      // A provider holding the key for hours is a stop, not bad input.
      return ProviderWaitError.isInstance(error) ? exitCodes.stopped : exitCodes.badInput;
    }
    const message = error instanceof Error ? (io.env.SWARM_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
    io.stderr.write(`swarm: internal error: ${redactSecrets(message, io.env)}\n`);
    return exitCodes.internalError;
  }
}
