import { useState } from 'preact/hooks';
import { ErrorNote } from '../shared/error-note.tsx';
import { href } from '../shared/route.ts';
import { TableHead } from '../shared/table-head.tsx';
import { useApi } from '../shared/use-api.ts';

const pageSize = 50;

/** The filter `swarm rows` builds from --filter, --status and --pass. */
function rowFilter({ filter, status, pass }: { filter: string; status: string; pass: string }): unknown {
  const parts: unknown[] = [];
  if (filter.trim() !== '') parts.push(JSON.parse(filter));
  if (status !== '') parts.push(pass.trim() === '' ? { status } : { status, pass: pass.trim() });
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
}

/** A table's rows, a page at a time, filtered as `swarm rows` filters them (--filter, --status, --pass, --columns). */
export function RowsTable({ tableId }: { tableId: string }) {
  const [form, setForm] = useState({ filter: '', status: '', pass: '', columns: '' });
  const [applied, setApplied] = useState(form);
  const [page, setPage] = useState(0);
  const [formError, setFormError] = useState<string | undefined>(undefined);
  let query = `limit=${pageSize + 1}&offset=${page * pageSize}`;
  try {
    const filter = rowFilter(applied);
    if (filter !== undefined) query += `&filter=${encodeURIComponent(JSON.stringify(filter))}`;
  } catch {
    // Shown when applied: the filter box does not hold JSON.
  }
  if (applied.columns.trim() !== '') query += `&columns=${encodeURIComponent(applied.columns)}`;
  const rows = useApi<{ rows: Array<Record<string, unknown>> }>(`/tables/${encodeURIComponent(tableId)}/rows?${query}`, { refreshMs: 3000 });
  const shown = (rows.data?.rows ?? []).slice(0, pageSize);
  const columns = [...new Set(shown.flatMap((row) => Object.keys(row)))];
  const apply = (event: Event) => {
    event.preventDefault();
    try {
      rowFilter(form);
      setFormError(undefined);
      setApplied(form);
      setPage(0);
    } catch (error) {
      setFormError(`The filter is not JSON: ${(error as Error).message}`);
    }
  };
  return (
    <section class="panel" aria-labelledby="rows-title">
      <h3 id="rows-title">Rows</h3>
      <form class="filters" onSubmit={apply}>
        <label>
          Filter (JSON){' '}
          <input value={form.filter} onInput={(event) => setForm({ ...form, filter: event.currentTarget.value })} placeholder='{"column":"label","equals":"spam"}' size={36} />
        </label>
        <label>
          Status{' '}
          <select value={form.status} onChange={(event) => setForm({ ...form, status: event.currentTarget.value })}>
            <option value="">any</option>
            <option value="done">done</option>
            <option value="failed">failed</option>
            <option value="pending">pending</option>
          </select>
        </label>
        <label>
          Pass <input value={form.pass} onInput={(event) => setForm({ ...form, pass: event.currentTarget.value })} placeholder="latest" size={18} />
        </label>
        <label>
          Columns <input value={form.columns} onInput={(event) => setForm({ ...form, columns: event.currentTarget.value })} placeholder="all" size={18} />
        </label>
        <button type="submit">Apply</button>
      </form>
      <ErrorNote error={formError ?? rows.error} />
      <table class="rows">
        <TableHead columns={columns} />
        <tbody>
          {shown.map((row) => (
            <tr key={String(row.id)}>
              {columns.map((column) => (
                <td key={column}>{column === 'id' ? <a href={href('tables', tableId, 'rows', String(row.id))}>{String(row.id)}</a> : cell(row[column])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages of rows">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          Previous page
        </button>
        <span>
          Rows {page * pageSize + (shown.length === 0 ? 0 : 1)}–{page * pageSize + shown.length}
        </span>
        <button type="button" disabled={(rows.data?.rows.length ?? 0) <= pageSize} onClick={() => setPage(page + 1)}>
          Next page
        </button>
      </nav>
    </section>
  );
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
