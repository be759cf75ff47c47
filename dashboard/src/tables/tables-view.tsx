import { count, time } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { useApi } from '../shared/use-api.ts';
import { ErrorNote } from '../shared/error-note.tsx';
import { FailuresPanel } from './failures-panel.tsx';
import { RowDetail } from './row-detail.tsx';
import { RowsTable } from './rows-table.tsx';
import { TableHead } from '../shared/table-head.tsx';

interface TableSummary {
  id: string;
  count: number;
  columns: string[];
  createdAt: number;
  passes: number;
}

/** The store's tables; one table's rows (paged, filtered), its failures by cause, and one row in depth. */
export function TablesView({ tableId, rowId }: { tableId?: string; rowId?: string }) {
  const tables = useApi<{ tables: TableSummary[] }>(tableId === undefined ? '/tables' : undefined, { refreshMs: 3000 });
  if (tableId !== undefined) {
    return (
      <>
        <h2>
          <a href={href('tables')}>Tables</a> / {tableId}
        </h2>
        {rowId !== undefined && <RowDetail tableId={tableId} rowId={rowId} />}
        <RowsTable key={tableId} tableId={tableId} />
        <FailuresPanel key={`failures-${tableId}`} tableId={tableId} />
      </>
    );
  }
  const list = tables.data?.tables ?? [];
  return (
    <>
      <h2>Tables</h2>
      <ErrorNote error={tables.error} />
      {list.length === 0 ? (
        <p>No tables yet.</p>
      ) : (
        <table>
          <TableHead columns={['Table', 'Rows', 'Columns', 'Passes', 'Created']} />
          <tbody>
            {list.map((table) => (
              <tr key={table.id}>
                <td>
                  <a href={href('tables', table.id)}>{table.id}</a>
                </td>
                <td>{count(table.count)}</td>
                <td>{table.columns.join(', ')}</td>
                <td>{table.passes}</td>
                <td>{time(table.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
