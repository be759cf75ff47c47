import { Option, type Command } from 'commander';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { TableSource } from '../table/sources/table-source.ts';

/** The table-source flags shared by `create` and one-shot `run`. */
export interface SourceFlags {
  tasks?: string;
  glob?: string[];
  files?: string[];
}

/** Adds `--tasks`, `--glob` and `--files` to a command. */
export function addSourceOptions(command: Command): Command {
  return command
    .addOption(new Option('--tasks <file>', 'data file with one record per row: .jsonl (or .ndjson), .csv or .json (array)'))
    .addOption(new Option('--glob <pattern...>', 'one row per matching file (columns id, file)'))
    .addOption(new Option('--files <file...>', 'one row per listed file (columns id, file)'));
}

/** The table source the flags describe, or undefined when none was given. */
export function sourceFromFlags(flags: SourceFlags): TableSource | undefined {
  const given = [flags.tasks !== undefined, flags.glob !== undefined, flags.files !== undefined].filter(Boolean).length;
  if (given > 1) throw new InvalidInputError('give only one of --tasks, --glob, --files');
  if (flags.tasks !== undefined) return { file: flags.tasks };
  if (flags.glob !== undefined) return { glob: flags.glob };
  if (flags.files !== undefined) return { filePaths: flags.files };
  return undefined;
}
