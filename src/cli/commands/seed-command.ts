import { Command, Option } from 'commander';
import path from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { generateSeeds } from '../../task/generate-seeds.ts';
import { loadTaskFile } from '../../task/load-task-file.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { plural } from '../../format/plural.ts';

/** `swarm seed --task task.yaml`: the orchestrator model writes diverse, deduplicated seeds into the seeds file. */
export function seedCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('seed')
    .description("have the task's orchestrator model write diverse, deduplicated seeds into its seeds_file (JSONL)")
    .requiredOption('--task <file>', 'the task file (task.yaml)')
    .addOption(new Option('--count <n>', 'seeds the file should hold (default: --total, else seed_count, else 100)').argParser(parseWholeNumber))
    .addOption(new Option('--total <n>', 'same as --count (DeepSwarm spelling)').argParser(parseWholeNumber))
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExample:\n  swarm seed --task examples/tasks/generation.yaml --count 200\n')
    .action(async (flags: { task: string; count?: number; total?: number; json?: boolean }) => {
      const config = loadConfig({ cwd: io.cwd });
      const task = loadTaskFile(path.resolve(io.cwd, flags.task), { cwd: io.cwd, config, env: io.env, total: flags.total, allowMissingSeeds: true });
      const report = await generateSeeds(task, { count: flags.count ?? task.seedCount, config, env: io.env });
      io.stdout.write(
        flags.json
          ? `${JSON.stringify(report)}\n`
          : `${report.file}: ${plural(report.existing + report.added, 'seed')} (${report.added} new from ${plural(report.calls, 'call')}, ${plural(report.duplicates, 'duplicate')} dropped)\n`,
      );
      setExitCode(exitCodes.ok);
    });
}
