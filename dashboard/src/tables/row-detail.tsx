import { ErrorNote } from '../shared/error-note.tsx';
import { pretty } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { Attempts, Transcript, type AgentLoop, type Attempt } from '../shared/transcript.tsx';
import { useApi } from '../shared/use-api.ts';

/** One row: its columns, every call that carried it (failures with raw output), and its agent transcript. */
export function RowDetail({ tableId, rowId }: { tableId: string; rowId: string }) {
  const row = useApi<{ data: Record<string, unknown>; attempts: Attempt[]; loops: AgentLoop[] }>(`/tables/${encodeURIComponent(tableId)}/rows/${encodeURIComponent(rowId)}`);
  return (
    <section class="panel" aria-labelledby="row-title">
      <h3 id="row-title">
        Row <code>{rowId}</code> <a href={href('tables', tableId)}>(close)</a>
      </h3>
      <ErrorNote error={row.error} />
      {row.data !== undefined && (
        <>
          <h4>Columns</h4>
          <pre>{pretty(row.data.data)}</pre>
          <h4>Calls</h4>
          <Attempts attempts={row.data.attempts} />
          <h4>Transcript</h4>
          <Transcript loops={row.data.loops} />
        </>
      )}
    </section>
  );
}
