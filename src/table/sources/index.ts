export type { TableSource } from './table-source.ts';
export type { SourceRecord } from './source-record.ts';
export { readSource } from './read-source.ts';
export { readFileRowContent } from './read-file-row-content.ts';
