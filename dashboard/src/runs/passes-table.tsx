import { count, time, usd } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { StatusBadge } from '../shared/status-badge.tsx';
import { useApi } from '../shared/use-api.ts';

/** A pass as GET /passes reports it. */
export interface PassReport {
  id: string;
  tableId: string;
  model: string;
  status: string;
  stopReason?: string;
  updatedAt: number;
  rows: { done: number; failed: number; unanswered: number };
  calls: number;
  rateLimited: number;
  retries: number;
  inputTokens: number;
  outputTokens: number;
  cost?: number;
}

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
          <thead>
            <tr>
              <th scope="col">Pass</th>
              <th scope="col">Table</th>
              <th scope="col">Model</th>
              <th scope="col">State</th>
              <th scope="col">Done / failed / unanswered</th>
              <th scope="col">Calls (429s, retries)</th>
              <th scope="col">Tokens in / out</th>
              <th scope="col">Cost</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
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
