import type { RunView } from '../../../src/runs/run-view.ts';
import type { RunsStatus } from '../../../src/runs/runs-status.ts';
import type { ListedPlanRun } from '../../../src/store/operations/plan-runs.ts';
import { count, time, usd } from '../shared/format.ts';
import { ErrorNote } from '../shared/error-note.tsx';
import { limitsText } from '../shared/limits-text.ts';
import { href } from '../shared/route.ts';
import { StatusBadge } from '../shared/status-badge.tsx';
import { useApi } from '../shared/use-api.ts';
import { PassesTable } from './passes-table.tsx';
import { RunLive } from './run-live.tsx';
import { TableHead } from '../shared/table-head.tsx';

/** Everything that runs: the daemon's calls and limiters, its runs (one followed live), every pass of the store, and plan runs. */
export function RunsView({ selected }: { selected?: string }) {
  const status = useApi<RunsStatus>('/status', { refreshMs: 1000 });
  const runs = useApi<{ runs: RunView[] }>('/runs?limit=20', { refreshMs: 1000 });
  const plans = useApi<{ plans: ListedPlanRun[] }>('/plans?limit=10', { refreshMs: 2000 });
  const list = runs.data?.runs ?? [];
  const followed = selected ?? (list.find((run) => run.status === 'running') ?? list[0])?.id;
  return (
    <>
      <h2>Runs</h2>
      <ErrorNote error={status.error ?? runs.error} />
      {followed !== undefined && <RunLive key={followed} runId={followed} spentToday={status.data?.spend.today ?? 0} maxDailyCost={status.data?.spend.maxDailyCost} />}
      <section class="panel" aria-labelledby="daemon-title">
        <h3 id="daemon-title">Daemon</h3>
        <p>
          <span data-testid="calls-in-flight">{count(status.data?.callsInFlight)}</span> calls in flight, {count(status.data?.callsWaiting)} waiting for a limiter; spent today{' '}
          {usd(status.data?.spend.today)}
          {status.data?.spend.maxDailyCost !== undefined && ` of ${usd(status.data.spend.maxDailyCost)} a day`}.
        </p>
        {(status.data?.limiters.length ?? 0) > 0 && (
          <table>
            <caption>Limiters (provider key and model): learned limits, concurrency, parks</caption>
            <TableHead columns={['Key and model', 'Limits', 'Concurrency', 'In flight / waiting', 'Most in flight unrefused', 'Parked until']} />
            <tbody>
              {status.data!.limiters.map((limiter) => (
                <tr key={limiter.key}>
                  <td>
                    <code>{limiter.key}</code>
                  </td>
                  <td>
                    {limitsText(limiter.limits)} ({limiter.source})
                  </td>
                  <td>{limiter.concurrency}</td>
                  <td>
                    {limiter.inFlight} / {limiter.waiting}
                  </td>
                  <td>{limiter.largestInFlight}</td>
                  <td>{limiter.parkedUntil === undefined ? 'not parked' : time(limiter.parkedUntil)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="daemon-runs-title">
        <h3 id="daemon-runs-title">Runs of this daemon</h3>
        {list.length === 0 ? (
          <p>No runs yet: passes started with the daemon running (swarm run, POST /tables/…/passes) show here.</p>
        ) : (
          <table>
            <TableHead columns={['Run', 'Kind', 'State', 'Done / failed / to do', 'Started']} />
            <tbody>
              {list.map((run) => (
                <tr key={run.id} class={run.id === followed ? 'selected' : undefined}>
                  <td>
                    <a href={href('runs', run.id)} aria-current={run.id === followed ? 'true' : undefined}>
                      {run.id}
                    </a>
                  </td>
                  <td>{run.kind}</td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>{run.progress === undefined ? '–' : `${count(run.progress.done)} / ${count(run.progress.failed)} / ${count(run.progress.total)}`}</td>
                  <td>{time(run.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <PassesTable />
      <section class="panel" aria-labelledby="plan-runs-title">
        <h3 id="plan-runs-title">Plan runs</h3>
        {(plans.data?.plans.length ?? 0) === 0 ? (
          <p>No plan runs yet.</p>
        ) : (
          <ul>
            {plans.data!.plans.map((plan) => (
              <li key={plan.id}>
                <a href={href('plans', plan.id)}>{plan.name ?? plan.id}</a> <StatusBadge status={plan.status} /> {time(plan.updatedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
