import type { JsonValue } from '../json/json-value.ts';

/** Selects rows by column values; compiled to SQL over the store, never evaluated row by row. */
export type RowFilter =
  | { column: string; equals: JsonValue }
  | { column: string; notEquals: JsonValue }
  | { column: string; in: JsonValue[] }
  | { column: string; exists: boolean }
  | { and: RowFilter[] }
  | { or: RowFilter[] };
