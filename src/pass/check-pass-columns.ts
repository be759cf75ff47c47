import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { CompiledFilter } from '../store/compile-filter.ts';
import type { TableInfo } from '../table/table-info.ts';

/**
 * Checks, before anything runs, the columns a pass reads and writes: every placeholder of its
 * `template` (`instruction` or `command`) must be provided by some matched row, and no column it
 * writes may belong to the source or another pass unless `overwrite`.
 */
export function checkPassColumns(
  swarm: SwarmContext,
  {
    table,
    filter,
    matched,
    placeholders,
    template,
    fields,
    passId,
    overwrite,
    rename = 'Rename the schema property',
  }: {
    table: TableInfo;
    filter: CompiledFilter;
    matched: number;
    placeholders: readonly string[];
    template: 'instruction' | 'command';
    fields: readonly string[];
    passId: string;
    overwrite: boolean;
    /** How to give the pass's columns other names, for the refusal to overwrite one. */
    rename?: string;
  },
): void {
  const missing = placeholders.filter((name) =>
    matched === 0 ? !table.columns.includes(name) : !swarm.store.rows.someHolds({ tableId: table.id, filter, column: name }),
  );
  if (missing.length > 0) {
    const names = missing.map((name) => `{${name}}`).join(', ');
    throw new InvalidInputError(
      `${template} uses ${names}, which no ${matched === 0 ? '' : 'matched '}row provides; available columns: ${table.columns.join(', ')}`,
    );
  }
  for (const field of fields) {
    const writer = table.writers.get(field);
    if (writer !== undefined && writer !== passId && !overwrite) {
      const by = writer === 'source' ? 'the table source' : `pass ${writer}`;
      throw new InvalidInputError(
        `column ${JSON.stringify(field)} was written by ${by}; this pass would overwrite it. ${rename}, or pass overwrite: true (--overwrite) to replace it`,
      );
    }
  }
}
