import type { PassReport } from '../../../src/store/operations/pass-report.ts';
import { count, time, usd } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { StatusBadge } from '../shared/status-badge.tsx';
import { useApi } from '../shared/use-api.ts';
import { TableHead } from '../shared/table-head.tsx';

/** Every pass of the store, wherever it ran (this daemon, the CLI, a task file, the library), as the store has it now. */
export function PassesTable() {
  const passes = useApi<{ passes: PassReport[] }>('/passes', { refreshMs: 2000 });
  const list = passes.data?.passes ?? [];
  return (
    <section class="panel" aria-labelledby="passes-title">
      <h3 id="passes-title">Passes in the store</h3>
      {list.length === 0 ? (
        <p>No passes yet.</p>
      ) : (
        <table>
          <TableHead columns={['Pass', 'Table', 'Model', 'State', 'Done / failed / unanswered', 'Calls (429s, retries)', 'Tokens in / out', 'Cost', 'Last change']} />
          <tbody>
            {list.map((pass) => (
              <tr key={pass.id}>
                <td>
                  <code>{pass.id}</code>
                </td>
                <td>
                  <a href={href('tables', pass.tableId)}>{pass.tableId}</a>
                </td>
                <td>
                  <code>{pass.model}</code>
                </td>
                <td>
                  <StatusBadge status={pass.status} />
                  {pass.stopReason !== undefined && ` (${pass.stopReason})`}
                </td>
                <td>
                  {count(pass.rows.done)} / {count(pass.rows.failed)} / {count(pass.rows.unanswered)}
                </td>
                <td>
                  {count(pass.calls)} ({count(pass.rateLimited)}, {count(pass.retries)})
                </td>
                <td>
                  {count(pass.inputTokens)} / {count(pass.outputTokens)}
                </td>
                <td>{usd(pass.cost)}</td>
                <td>{time(pass.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
