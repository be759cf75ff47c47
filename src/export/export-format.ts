/** The file formats `exportTable` writes. */
export const exportFormats = ['jsonl', 'json', 'csv'] as const;

/** One of the file formats `exportTable` writes. */
export type ExportFormat = (typeof exportFormats)[number];
