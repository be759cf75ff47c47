import { Command, Option } from 'commander';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { plural } from '../../format/plural.ts';
import path from 'node:path';
import { filterOutputs } from '../../output-filter/filter-outputs.ts';
import type { FilterReport } from '../../output-filter/filter-report.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { readJsonOption } from '../read-json-option.ts';

type FilterFlags = {
  inputDir: string;
  output: string;
  errors: string;
  schema?: string;
  field?: string;
  minChars?: number;
  maxChars?: number;
  minTokens?: number;
  maxTokens?: number;
  dedupe?: boolean;
  dedupeField?: string;
  json?: boolean;
};

/** `swarm filter`: cleans a folder of JSONL/JSON model outputs into one JSONL file plus an errors file. */
export function filterCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const whole = (flag: string, description: string) => new Option(flag, description).argParser(parseWholeNumber);
  return new Command('filter')
    .description('clean a folder of .jsonl/.json outputs: repair JSON, validate, apply length limits, deduplicate')
    .requiredOption('--input-dir <dir>', 'folder of .jsonl, .ndjson and .json files (not its subfolders)')
    .requiredOption('--output <file>', 'clean records, one JSON object per line')
    .requiredOption('--errors <file>', 'rejected records: { reason, detail, file, line, record, raw } per line')
    .option('--schema <file|json>', 'JSON Schema each record must satisfy, inline or a file')
    .option('--field <name>', 'the text field length limits and --dedupe look at (default: the whole record as JSON)')
    .addOption(whole('--min-chars <n>', 'reject text shorter than this many characters'))
    .addOption(whole('--max-chars <n>', 'reject text longer than this many characters'))
    .addOption(whole('--min-tokens <n>', 'reject text under this many tokens (characters / 4)'))
    .addOption(whole('--max-tokens <n>', 'reject text over this many tokens (characters / 4)'))
    .option('--dedupe', 'drop records whose text repeats an earlier one, ignoring case and whitespace')
    .option('--dedupe-field <name>', 'deduplicate on this field instead of --field (implies --dedupe)')
    .option('--json', 'print the counts as JSON')
    .addHelpText(
      'after',
      `
Examples:
  swarm filter --input-dir output/ --output clean.jsonl --errors rejected.jsonl --field text --min-chars 200 --dedupe
  swarm filter --input-dir output/ --output clean.jsonl --errors rejected.jsonl --schema answer.schema.json
`,
    )
    .action(async (flags: FilterFlags) => {
      checkFlags(flags, io);
      const report = await filterOutputs({
        inputDir: path.resolve(io.cwd, flags.inputDir),
        output: path.resolve(io.cwd, flags.output),
        errors: path.resolve(io.cwd, flags.errors),
        schema: flags.schema === undefined ? undefined : readJsonOption(flags.schema, '--schema', io.cwd),
        field: flags.field,
        minChars: flags.minChars,
        maxChars: flags.maxChars,
        minTokens: flags.minTokens,
        maxTokens: flags.maxTokens,
        dedupe: flags.dedupe,
        dedupeField: flags.dedupeField,
      });
      const shown = { ...report, output: flags.output, errors: flags.errors };
      io.stdout.write(flags.json ? `${JSON.stringify(shown)}\n` : describeReport(shown));
      setExitCode(exitCodes.ok);
    });
}

/** The checks whose messages should name the flags, made before filterOutputs makes them in its own option names. */
function checkFlags(flags: FilterFlags, io: CliIo): void {
  for (const [low, high, lowFlag, highFlag] of [
    [flags.minChars, flags.maxChars, '--min-chars', '--max-chars'],
    [flags.minTokens, flags.maxTokens, '--min-tokens', '--max-tokens'],
  ] as const) {
    if (low !== undefined && high !== undefined && low > high) throw new InvalidInputError(`${lowFlag} (${low}) is above ${highFlag} (${high}): nothing could pass`);
  }
  if (path.resolve(io.cwd, flags.output) === path.resolve(io.cwd, flags.errors)) throw new InvalidInputError('--output and --errors must be different files');
}

function describeReport(report: FilterReport): string {
  const lines = [
    `Read ${plural(report.records, 'record')} from ${plural(report.files, 'file')}`,
    `${report.clean} clean (${report.repaired} after JSON repair) → ${report.output}`,
    `${report.rejected} rejected → ${report.errors}`,
  ];
  for (const [reason, count] of Object.entries(report.reasons)) if (count > 0) lines.push(`  ${reason.padEnd(14)}${count}`);
  return `${lines.join('\n')}\n`;
}
