/** The file formats `exportTable` writes. */
export const exportFormats = ['jsonl', 'json', 'csv', 'parquet'] as const;

/** One of the file formats `exportTable` writes. */
export type ExportFormat = (typeof exportFormats)[number];
