import type { JsonValue } from '../json/json-value.ts';

/** Where a pass stands on a row: answered, failed, or neither yet. */
export type RowStatus = 'done' | 'failed' | 'pending';

/** Selects rows by column values; compiled to SQL over the store, never evaluated row by row. */
export type RowFilter =
  | { column: string; equals: JsonValue }
  | { column: string; notEquals: JsonValue }
  | { column: string; in: JsonValue[] }
  | { column: string; exists: boolean }
  /**
   * Rows by a pass's result: `pass` is a pass id; without it, the pass being run (`run`), else
   * the table's most recently run pass (`rows`, `export`).
   */
  | { status: RowStatus; pass?: string }
  | { and: RowFilter[] }
  | { or: RowFilter[] };
