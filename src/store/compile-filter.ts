import type { SQLInputValue } from 'node:sqlite';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { RowFilter } from '../filter/row-filter.ts';

/** A SQL boolean expression over the `rows` table (aliased `rows`), with its parameters. */
export interface CompiledFilter {
  sql: string;
  params: SQLInputValue[];
  /** Every column the filter mentions, for checking against the table's columns. */
  columns: string[];
}

/** What a filter is compiled against. */
export interface FilterScope {
  /** The pass a `status` without `pass` refers to; such a filter is an error without it. */
  pass?: () => string | undefined;
  /** The passes a filter's `pass` may name (the table's): another id would silently match nothing. */
  passes?: () => readonly string[];
}

const operators = ['equals', 'notEquals', 'in', 'exists'] as const;
const statuses = ['done', 'failed', 'pending'] as const;

/** Compiles a row filter to SQL; a malformed filter is an InvalidInputError naming the problem. */
export function compileFilter(filter: RowFilter | undefined, scope: FilterScope = {}): CompiledFilter {
  const compiled: CompiledFilter = { sql: '1', params: [], columns: [] };
  if (filter === undefined) return compiled;
  compiled.sql = compileNode(filter, compiled, 'filter', scope);
  return compiled;
}

function compileNode(node: unknown, out: CompiledFilter, where: string, scope: FilterScope): string {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new InvalidInputError(`${where} must be an object like { column: "status", equals: "done" }`);
  }
  const record = node as Record<string, unknown>;
  for (const key of ['and', 'or'] as const) {
    if (key in record) {
      const parts = record[key];
      if (!Array.isArray(parts) || Object.keys(record).length !== 1) {
        throw new InvalidInputError(`${where}.${key} must be the only key, holding an array of filters`);
      }
      if (parts.length === 0) return key === 'and' ? '1' : '0';
      const joined = parts.map((part, index) => compileNode(part, out, `${where}.${key}[${index}]`, scope));
      return `(${joined.join(key === 'and' ? ' AND ' : ' OR ')})`;
    }
  }
  if ('status' in record) return statusSql(record, out, where, scope);
  if (typeof record.column !== 'string' || record.column === '') {
    throw new InvalidInputError(`${where} needs a "column" (or "status", "and", "or"); got keys ${JSON.stringify(Object.keys(record))}`);
  }
  const present = operators.filter((operator) => operator in record);
  const unknown = Object.keys(record).filter((key) => key !== 'column' && !(operators as readonly string[]).includes(key));
  if (unknown.length > 0 || present.length !== 1) {
    throw new InvalidInputError(
      `${where} on column "${record.column}" needs exactly one of ${operators.join(', ')}` +
        (unknown.length > 0 ? `; unknown key ${JSON.stringify(unknown[0])}` : ''),
    );
  }
  const column = record.column;
  out.columns.push(column);
  const operator = present[0]!;
  const value = record[operator];
  switch (operator) {
    case 'equals':
      return equalsSql(column, value, out);
    case 'notEquals':
      return `NOT COALESCE(${equalsSql(column, value, out)}, 0)`;
    case 'in': {
      if (!Array.isArray(value)) throw new InvalidInputError(`${where}.in must be an array`);
      if (value.length === 0) return '0';
      return `(${value.map((item) => `COALESCE(${equalsSql(column, item, out)}, 0)`).join(' OR ')})`;
    }
    case 'exists': {
      if (typeof value !== 'boolean') throw new InvalidInputError(`${where}.exists must be true or false`);
      const present = `COALESCE(${typeSql(column, out)} NOT IN ('null'), 0)`;
      return value ? present : `NOT ${present}`;
    }
  }
}

/** Narrows a compiled filter, in place, to the rows up to `seq` in table order (the first n that match). */
export function endFilterAt(filter: CompiledFilter, seq: number): void {
  filter.sql = `(${filter.sql}) AND rows.seq <= ?`;
  filter.params.push(seq);
}

/** SQL true when a pass's result for the row has the given status (`pending`: it has none yet). */
function statusSql(record: Record<string, unknown>, out: CompiledFilter, where: string, scope: FilterScope): string {
  const { status, pass, ...rest } = record;
  if (Object.keys(rest).length > 0) throw new InvalidInputError(`${where}: a status filter takes only "status" and "pass"; unknown key ${JSON.stringify(Object.keys(rest)[0])}`);
  if (!(statuses as readonly unknown[]).includes(status)) {
    throw new InvalidInputError(
      `${where}.status selects rows by a pass's result and must be one of ${statuses.join(', ')}; got ${JSON.stringify(status)} ` +
        `(for a column named "status", write {"column":"status","equals":${JSON.stringify(status)}})`,
    );
  }
  if (pass !== undefined && (typeof pass !== 'string' || pass === '')) throw new InvalidInputError(`${where}.pass must be a pass id (see \`swarm passes TABLE\`)`);
  if (typeof pass === 'string' && scope.passes !== undefined) {
    const known = scope.passes();
    if (!known.includes(pass)) {
      throw new InvalidInputError(`${where}.pass ${JSON.stringify(pass)} is not a pass of this table; ${known.length > 0 ? `its passes are ${known.join(', ')}` : 'it has no passes yet'}`);
    }
  }
  const passId = pass ?? scope.pass?.();
  if (passId === undefined) throw new InvalidInputError(`${where}: status ${JSON.stringify(status)} needs a pass, and the table has none yet; add "pass": ID`);
  out.params.push(passId);
  if (status === 'pending') return `NOT EXISTS (SELECT 1 FROM results WHERE pass_id = ? AND row_id = rows.id)`;
  out.params.push(status as string);
  return `EXISTS (SELECT 1 FROM results WHERE pass_id = ? AND row_id = rows.id AND status = ?)`;
}

/** SQL true when the column holds exactly `value` (same JSON type and value). */
function equalsSql(column: string, value: unknown, out: CompiledFilter): string {
  if (value === null) return `(${typeSql(column, out)} = 'null')`;
  if (typeof value === 'boolean') return `(${typeSql(column, out)} = '${value}')`;
  if (typeof value === 'string') {
    if (column === 'id') {
      out.params.push(value);
      return '(rows.id = ?)';
    }
    out.params.push(jsonPath(column), value);
    return `(json_extract(rows.data, ?) = ? AND ${typeSql(column, out)} = 'text')`;
  }
  if (typeof value === 'number') {
    out.params.push(jsonPath(column), value);
    return `(json_extract(rows.data, ?) = ? AND ${typeSql(column, out)} IN ('integer', 'real'))`;
  }
  // Arrays and objects compare as minified JSON text.
  out.params.push(jsonPath(column), JSON.stringify(value));
  return `(json(json_extract(rows.data, ?)) = json(?))`;
}

function typeSql(column: string, out: CompiledFilter): string {
  out.params.push(jsonPath(column));
  return 'json_type(rows.data, ?)';
}

/** The SQLite JSON path of a top-level key, quoted so any column name is safe. */
export function jsonPath(column: string): string {
  return `$."${column.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
