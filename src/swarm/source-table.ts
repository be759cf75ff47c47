import type { TableSource } from '../table/sources/table-source.ts';
import type { TableHandle } from '../table/table-handle.ts';
import type { Swarm } from './open-swarm.ts';

/** The table of a one-shot command, and a way to take it back when the command is refused. */
export interface SourceTable {
  table: TableHandle;
  /**
   * Removes the table if this command made it and no pass has started on it: call it when the
   * command is refused (bad input, before any call), so that it leaves nothing behind. A table
   * found, or one a pass has started on (here or in another process), is kept.
   */
  discardIfUnused(): void;
}

/**
 * The table of a one-shot command (`swarm run --tasks`, a task file): the table an earlier run made
 * from the same data (`sourceKey`), else a new one.
 */
export async function sourceTable(swarm: Pick<Swarm, 'context' | 'create'>, source: TableSource, options: { sourceKey: string; maxFileBytes?: number }): Promise<SourceTable> {
  const { store } = swarm.context;
  const existed = store.tables.findBySource(options.sourceKey) !== undefined;
  const table = await swarm.create(source, options);
  return {
    table,
    discardIfUnused() {
      if (existed) return;
      // Under the write lock: a pass another process starts on the table meanwhile keeps it.
      store.transaction(() => {
        if (store.passes.idsOf(table.id).length === 0) store.tables.drop(table.id);
      });
    },
  };
}
