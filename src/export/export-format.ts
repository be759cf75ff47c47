/** The file formats `exportTable` writes. */
export const exportFormats = ['jsonl', 'json', 'csv', 'parquet'] as const;

/** One of the file formats `exportTable` writes. */
export type ExportFormat = (typeof exportFormats)[number];

const byExtension: Record<string, ExportFormat> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.parquet': 'parquet' };

/** The format a file's name says (`out.csv` → csv), or undefined when its extension names none. */
export function formatOfFile(file: string): ExportFormat | undefined {
  const extension = /\.[^./\\]+$/.exec(file)?.[0].toLowerCase();
  return extension === undefined ? undefined : byExtension[extension];
}
