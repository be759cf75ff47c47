import { Command, Option } from 'commander';
import { plural } from '../../format/plural.ts';
import { tableInfo } from '../../table/table-info.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openExistingStore } from '../open-cli-store.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { checkPassOf, requireStore } from '../status-filter.ts';

/** `swarm failures`: the rows a table's passes could not answer, with the error and what the model said. */
export function failuresCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('failures')
    .description("show the rows a table's passes could not answer: error class, message and the model's raw output")
    .argument('<table>', 'table id')
    .option('--pass <id>', 'only this pass (see swarm passes TABLE)')
    .addOption(new Option('--limit <n>', 'at most this many failures').argParser(parseWholeNumber))
    .option('--json', 'print one JSON object per failure: { passId, rowId, errorClass, error, rawOutput, failedAt }')
    .addHelpText(
      'after',
      `
Examples:
  swarm failures reviews-3f9a
  swarm failures reviews-3f9a --pass pass-1a2b3c4d5e6f --json
To retry only the failed rows, run the pass's command again with --filter '{"status":"failed"}'.
`,
    )
    .action(async (tableId: string, flags: { pass?: string; limit?: number; json?: boolean }, command: Command) => {
      const store = requireStore(openExistingStore(io, command), tableId);
      try {
        tableInfo(store, tableId);
        checkPassOf(store, tableId, flags.pass);
        const failures = store.results.failures({ tableId, passId: flags.pass, limit: flags.limit });
        if (flags.json) {
          for (const failure of failures) io.stdout.write(`${JSON.stringify(failure)}\n`);
        } else if (failures.length === 0) {
          io.stdout.write(`No failed rows in ${tableId}${flags.pass === undefined ? '' : ` for ${flags.pass}`}.\n`);
        } else {
          for (const failure of failures) {
            if (io.stdout.destroyed) break;
            io.stdout.write(`${failure.rowId}  ${failure.passId}  ${failure.errorClass}: ${failure.error}\n`);
            if (failure.rawOutput !== undefined) io.stdout.write(`${indent(failure.rawOutput)}\n`);
          }
          io.stdout.write(
            `${plural(failures.length, 'failed row')}. To retry only these, run the pass's command again with --filter '{"status":"failed"}'.\n`,
          );
        }
        setExitCode(exitCodes.ok);
      } finally {
        store.close();
      }
    });
}

function indent(text: string): string {
  return text.trimEnd().split('\n').map((line) => `    | ${line}`).join('\n');
}
