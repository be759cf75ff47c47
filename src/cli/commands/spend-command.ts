import { Command, Option } from 'commander';
import { formatCost, formatCount } from '../../format/format-numbers.ts';
import type { SpendGrouping, SpendLine } from '../../store/operations/spend.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { formatColumns } from '../format-columns.ts';
import { openExistingStore } from '../open-cli-store.ts';

/** `swarm spend`: what the store's calls used and cost, by day, model or pass. */
export function spendCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const groupings: SpendGrouping[] = ['day', 'model', 'pass'];
  return new Command('spend')
    .description("what every provider call in the store used and cost, by UTC day, model or pass (dropped tables' calls included)")
    .addOption(new Option('--by <grouping>', 'group by').choices(groupings).default('day'))
    .option('--json', 'print the lines as JSON')
    .addHelpText('after', '\nExamples:\n  swarm spend\n  swarm spend --by model\n  swarm spend --by pass --json\n')
    .action(async (flags: { by: SpendGrouping; json?: boolean }, command: Command) => {
      const store = openExistingStore(io, command);
      try {
        const lines = store === undefined ? [] : store.spend.report({ by: flags.by });
        if (flags.json) io.stdout.write(`${JSON.stringify(lines)}\n`);
        else if (lines.length === 0) io.stdout.write('No calls recorded yet.\n');
        else io.stdout.write(describeSpend(lines, flags.by));
        setExitCode(exitCodes.ok);
      } finally {
        store?.close();
      }
    });
}

function describeSpend(lines: SpendLine[], by: SpendGrouping): string {
  const total = { calls: 0, inputTokens: 0, outputTokens: 0, cost: undefined as number | undefined };
  for (const line of lines) {
    total.calls += line.calls;
    total.inputTokens += line.inputTokens;
    total.outputTokens += line.outputTokens;
    if (line.cost !== undefined) total.cost = (total.cost ?? 0) + line.cost;
  }
  const header = by === 'pass' ? ['PASS', 'TABLE', 'MODEL'] : [by === 'day' ? 'DAY (UTC)' : 'MODEL'];
  const rows = lines.map((line) => [
    line.key,
    ...(by === 'pass' ? [`${line.tableId}${line.dropped ? ' (dropped)' : ''}`, line.model ?? ''] : []),
    String(line.calls),
    formatCount(line.inputTokens),
    formatCount(line.outputTokens),
    formatCost(line.cost),
  ]);
  rows.push(['total', ...(by === 'pass' ? ['', ''] : []), String(total.calls), formatCount(total.inputTokens), formatCount(total.outputTokens), formatCost(total.cost)]);
  return formatColumns([...header, 'CALLS', 'INPUT', 'OUTPUT', 'COST'], rows);
}
