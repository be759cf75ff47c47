import { useEffect, useRef, useState } from 'preact/hooks';
import type { RunEvent } from '../../../src/runs/run-event.ts';
import { api } from '../shared/api.ts';
import { ErrorNote } from '../shared/error-note.tsx';
import { count, duration, time, usd } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { limitsText } from '../shared/limits-text.ts';
import { StatusBadge } from '../shared/status-badge.tsx';
import { useApi } from '../shared/use-api.ts';
import { useEventStream } from '../shared/use-event-stream.ts';
import { foldRunEvent, newLiveRun, pace, type LiveRun } from './live-run.ts';
import { ThroughputChart } from './throughput-chart.tsx';

interface RunDetail {
  id: string;
  kind: string;
  status: string;
  request?: { tableId?: string; options?: { model?: string; maxCost?: number; maxTokens?: number; maxCalls?: number } };
}

// Re-drawn this often while events pour in, not once per event.
const redrawMs = 250;

/** One run, live from its event stream: counts, pace, chart, limiter, tokens and spend against its caps; Stop and Resume. */
export function RunLive({ runId, maxDailyCost, spentToday }: { runId: string; maxDailyCost?: number; spentToday: number }) {
  const detail = useApi<RunDetail>(`/runs/${encodeURIComponent(runId)}`);
  const live = useRef<LiveRun>(newLiveRun(Date.now()));
  const [, setFrame] = useState(0);
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  useEffect(() => {
    live.current = newLiveRun(Date.now());
    setFrame((frame) => frame + 1);
    const timer = setInterval(() => setFrame((frame) => frame + 1), redrawMs);
    return () => clearInterval(timer);
  }, [runId]);
  useEventStream(`/runs/${encodeURIComponent(runId)}/events`, (event) => {
    const ended = foldRunEvent(live.current, event as RunEvent, Date.now());
    if (ended) setFrame((frame) => frame + 1);
    return ended;
  });
  const run = live.current;
  const { rowsPerSecond, etaMs } = pace(run);
  const caps = detail.data?.request?.options ?? {};
  const pending = Math.max(0, run.total - run.done - run.failed);

  const act = async (action: 'cancel' | 'resume') => {
    setActionError(undefined);
    try {
      const answer = await api<{ run: { id: string } } | { id: string }>(`/runs/${encodeURIComponent(runId)}/${action}`, { method: 'POST' });
      if ('run' in answer) location.hash = href('runs', answer.run.id);
    } catch (error) {
      setActionError((error as Error).message);
    }
  };

  return (
    <section class="panel" aria-labelledby="run-title">
      <h3 id="run-title">
        Run <code>{runId}</code> <StatusBadge status={run.status} />
      </h3>
      <p>
        {detail.data?.kind ?? ''} {detail.data?.request?.tableId !== undefined && <a href={href('tables', detail.data.request.tableId)}>table {detail.data.request.tableId}</a>}
        {caps.model !== undefined && <> · model <code>{caps.model}</code></>}
      </p>
      <div class="actions">
        {run.status === 'running' ? (
          <button type="button" onClick={() => act('cancel')}>
            Stop
          </button>
        ) : (
          detail.data?.kind === 'pass' && (
            <button type="button" onClick={() => act('resume')}>
              Resume
            </button>
          )
        )}
      </div>
      <ErrorNote error={actionError ?? run.error ?? detail.error} />
      <div class="run-grid">
        <div>
          <dl class="counts">
            <div>
              <dt>Done</dt>
              <dd data-testid="run-done">{count(run.done)}</dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd data-testid="run-failed">{count(run.failed)}</dd>
            </div>
            <div>
              <dt>Pending</dt>
              <dd data-testid="run-pending">{count(pending)}</dd>
            </div>
            <div>
              <dt>Rows/s</dt>
              <dd>{rowsPerSecond.toFixed(1)}</dd>
            </div>
            <div>
              <dt>Calls in flight</dt>
              <dd>{count(run.limiter?.inFlight)}</dd>
            </div>
            <div>
              <dt>ETA</dt>
              <dd>{run.status === 'running' ? duration(etaMs) : '–'}</dd>
            </div>
          </dl>
          <ThroughputChart rows={run.seconds.rows} inFlight={run.seconds.inFlight} />
        </div>
        <table>
          <caption>Use and limits</caption>
          <tbody>
            <tr>
              <th scope="row">Calls</th>
              <td>
                {count(run.calls)}
                {caps.maxCalls !== undefined && ` of at most ${count(caps.maxCalls)}`}
              </td>
            </tr>
            <tr>
              <th scope="row">Tokens (in / out)</th>
              <td>
                {count(run.inputTokens)} / {count(run.outputTokens)}
                {caps.maxTokens !== undefined && ` of at most ${count(caps.maxTokens)}`}
              </td>
            </tr>
            <tr>
              <th scope="row">Spend</th>
              <td>
                {usd(run.cost)}
                {caps.maxCost !== undefined && ` of at most ${usd(caps.maxCost)} for the pass`}; today {usd(spentToday)}
                {maxDailyCost !== undefined && ` of ${usd(maxDailyCost)} a day`}
              </td>
            </tr>
            <tr>
              <th scope="row">429s / parks</th>
              <td>
                {count(run.rateLimited)} refused / {count(run.parks)} parked{run.parkedUntil !== undefined && `, last until ${time(run.parkedUntil)}`}
              </td>
            </tr>
            <tr>
              <th scope="row">Limiter</th>
              <td>
                {run.limiter === undefined
                  ? '–'
                  : `${run.limiter.key}: concurrency ${run.limiter.concurrency}, ${run.limiter.waiting} waiting, limits ${limitsText(run.limiter.limits)} (${run.limiter.source})`}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
