import { NotFoundError } from '../errors/not-found-error.ts';
import type { Store } from '../store/store.ts';
import type { AgentLoopTranscript } from '../store/operations/agent-loops.ts';
import { tableInfo } from '../table/table-info.ts';

/** A row and what its agent loops did: every model step and tool call, oldest loop first. */
export interface RowTranscript {
  tableId: string;
  rowId: string;
  /** The row's columns as stored now. */
  data: Record<string, unknown>;
  loops: AgentLoopTranscript[];
}

/** A row's transcript; NotFoundError for an unknown table or row. */
export function rowTranscript(store: Store, tableId: string, rowId: string): RowTranscript {
  tableInfo(store, tableId);
  const data = store.rows.data(tableId, rowId);
  if (data === undefined) throw new NotFoundError('row', rowId, `Table ${tableId} has no row with this id (see \`swarm rows ${tableId}\`)`);
  return { tableId, rowId, data, loops: store.agentLoops.transcript({ tableId, rowId }) };
}
