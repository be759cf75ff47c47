/** Where a table's rows come from; exactly one of the four keys. */
export type TableSource =
  /** Pre-built records, each with an `id`. */
  | { tasks: Record<string, unknown>[] }
  /** Files matching one or more patterns (relative to `cwd`), one row per file. */
  | { glob: string | string[] }
  /** Explicit files (relative to `cwd`), one row per file. */
  | { filePaths: string[] }
  /** A data file (.jsonl/.ndjson, .csv, .json array of objects); one record per row. */
  | { file: string };
