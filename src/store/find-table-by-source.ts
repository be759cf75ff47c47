import type { Store } from './store.ts';

/** The id of the ready table built from the source with this key (see `sourceKey`), if there is one. */
export function findTableBySource(store: Store, sourceKey: string): string | undefined {
  const table = store.statement(`SELECT id FROM tables WHERE source_key = ? AND status = 'ready'`).get(sourceKey) as { id: string } | undefined;
  return table?.id;
}
