/**
 * How a table column is stored in Parquet. `JSON` holds objects, arrays, and columns whose
 * values mix types, as JSON text (annotated JSON, so readers can parse it back).
 */
export type ParquetColumnType = 'STRING' | 'INT32' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'JSON';

const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** The type of one non-null value. */
export function parquetTypeOf(value: unknown): ParquetColumnType {
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return 'DOUBLE';
    return value >= int32.min && value <= int32.max ? 'INT32' : 'INT64';
  }
  return 'JSON';
}

const numeric: readonly ParquetColumnType[] = ['INT32', 'INT64', 'DOUBLE'];

/**
 * The narrowest type holding every value of a column typed `type` plus `value`; `undefined`
 * while only nulls have been seen. Integers widen to INT64 then DOUBLE (exact for safe
 * integers); any other mix becomes JSON.
 */
export function widenParquetType(type: ParquetColumnType | undefined, value: unknown): ParquetColumnType | undefined {
  if (value === null || value === undefined) return type;
  const valueType = parquetTypeOf(value);
  if (type === undefined || type === valueType) return valueType;
  if (numeric.includes(type) && numeric.includes(valueType)) return numeric[Math.max(numeric.indexOf(type), numeric.indexOf(valueType))];
  return 'JSON';
}
