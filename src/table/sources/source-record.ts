/** One row read from a source; `line` is the 1-based line (record start) in a data file. */
export interface SourceRecord {
  id: string;
  /** The row's fields; always includes `id` as a string. */
  data: Record<string, unknown>;
  line?: number;
}
