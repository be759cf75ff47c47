import { Command } from 'commander';
import { formatCost, formatCount, formatDuration } from '../../format/format-numbers.ts';
import { tableInfo } from '../../table/table-info.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { formatColumns } from '../format-columns.ts';
import { openExistingStore } from '../open-cli-store.ts';
import { requireStore } from '../status-filter.ts';

/** `swarm passes`: the passes run over a table, with their counts and spending. */
export function passesCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('passes')
    .description('list the passes run over a table: model, status, rows done and failed, calls, tokens, cost, time')
    .argument('<table>', 'table id')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', '\nExample:\n  swarm passes reviews-3f9a\n  swarm show-pass pass-1a2b3c4d5e6f   # one pass in full, with its instruction\n')
    .action(async (tableId: string, flags: { json?: boolean }, command: Command) => {
      const store = requireStore(openExistingStore(io, command), tableId);
      try {
        tableInfo(store, tableId);
        const passes = store.passes.list(tableId);
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(passes)}\n`);
        } else if (passes.length === 0) {
          io.stdout.write(`No passes over ${tableId} yet. Run one with: swarm run ${tableId} --instruction TEXT --schema FILE\n`);
        } else {
          const rows = passes.map((pass) => [
            pass.id,
            pass.model,
            pass.status,
            String(pass.rows.done),
            String(pass.rows.failed),
            String(pass.calls),
            formatCount(pass.inputTokens + pass.outputTokens),
            formatCost(pass.cost),
            formatDuration(pass.runSeconds),
            oneLine(pass.instruction, 40),
          ]);
          io.stdout.write(formatColumns(['PASS', 'MODEL', 'STATUS', 'DONE', 'FAILED', 'CALLS', 'TOKENS', 'COST', 'TIME', 'INSTRUCTION'], rows));
        }
        setExitCode(exitCodes.ok);
      } finally {
        store.close();
      }
    });
}

/** The text on one line, cut to `length` characters. */
function oneLine(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}
