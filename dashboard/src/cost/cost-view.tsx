import type { SpendLine } from '../../../src/store/operations/spend.ts';
import { ErrorNote } from '../shared/error-note.tsx';
import { count, usd } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { useApi } from '../shared/use-api.ts';
import { TableHead } from '../shared/table-head.tsx';

interface Spend {
  lines: SpendLine[];
  today: number;
  maxDailyCost?: number;
}

interface Projection {
  actual: { calls: number; tokens: number; cost: number };
  projection?: { rows: number; calls: number; inputTokens: number; outputTokens: number; cost?: number };
}

/** Spend by model, pass and day, as `swarm spend` reports it; each pass beside its dry-run projection where it is known. */
export function CostView() {
  const byModel = useApi<Spend>('/spend?by=model', { refreshMs: 5000 });
  const byPass = useApi<Spend>('/spend?by=pass', { refreshMs: 5000 });
  const byDay = useApi<Spend>('/spend?by=day', { refreshMs: 5000 });
  return (
    <>
      <h2>Cost</h2>
      <ErrorNote error={byModel.error ?? byPass.error ?? byDay.error} />
      <p>
        Spent today (UTC): {usd(byModel.data?.today)}
        {byModel.data?.maxDailyCost !== undefined && ` of ${usd(byModel.data.maxDailyCost)} a day (budget.maxDailyCost)`}.
      </p>
      <SpendTable title="By model" first="Model" lines={byModel.data?.lines} />
      <section class="panel" aria-labelledby="by-pass-title">
        <h3 id="by-pass-title">By pass, beside the dry-run projection</h3>
        <table>
          <TableHead columns={['Pass', 'Table', 'Model', 'Calls', 'Tokens in / out', 'Actual cost', 'Projected (dry run of the whole pass)']} />
          <tbody>
            {(byPass.data?.lines ?? []).map((line) => (
              <tr key={line.key}>
                <td>
                  <code>{line.key}</code>
                </td>
                <td>{line.tableId === undefined ? '–' : line.dropped ? `${line.tableId} (dropped)` : <a href={href('tables', line.tableId)}>{line.tableId}</a>}</td>
                <td>
                  <code>{line.model ?? '–'}</code>
                </td>
                <SpendCells line={line} />
                <td>{line.dropped ? 'table dropped' : <ProjectionCell passId={line.key} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SpendTable title="By day (UTC)" first="Day" lines={byDay.data?.lines} />
    </>
  );
}

/** A spend line's calls, tokens and cost, as table cells. */
function SpendCells({ line }: { line: SpendLine }) {
  return (
    <>
      <td>{count(line.calls)}</td>
      <td>
        {count(line.inputTokens)} / {count(line.outputTokens)}
      </td>
      <td>{usd(line.cost)}</td>
    </>
  );
}

function ProjectionCell({ passId }: { passId: string }) {
  const projection = useApi<Projection>(`/passes/${encodeURIComponent(passId)}/projection`);
  if (projection.error !== undefined) return <span>{projection.error}</span>;
  if (projection.data === undefined) return <span>…</span>;
  const projected = projection.data.projection;
  if (projected === undefined) return <span>not known (run outside the daemon)</span>;
  return (
    <span>
      {usd(projected.cost)} for {count(projected.calls)} calls, {count(projected.inputTokens)} / {count(projected.outputTokens)} tokens
    </span>
  );
}

function SpendTable({ title, first, lines }: { title: string; first: string; lines: SpendLine[] | undefined }) {
  return (
    <section class="panel" aria-label={title}>
      <h3>{title}</h3>
      {(lines ?? []).length === 0 ? (
        <p>No calls recorded yet.</p>
      ) : (
        <table>
          <TableHead columns={[first, 'Calls', 'Tokens in / out', 'Cost']} />
          <tbody>
            {lines!.map((line) => (
              <tr key={line.key}>
                <td>
                  <code>{line.key}</code>
                </td>
                <SpendCells line={line} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
