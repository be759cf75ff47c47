import { useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { ErrorNote } from '../shared/error-note.tsx';
import { time } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { StatusBadge } from '../shared/status-badge.tsx';
import { useApi } from '../shared/use-api.ts';
import { useEventStream } from '../shared/use-event-stream.ts';
import { PlanGraph } from './plan-graph.tsx';
import type { PlanRunReport } from '../../../src/run-plan/plan-run-report.ts';
import type { ListedPlanRun } from '../../../src/store/operations/plan-runs.ts';
import { TaskDetail } from './task-detail.tsx';

/** A plan run as its event stream reports it: `runId` while this daemon runs it (it can be stopped here). */
type LivePlanRun = PlanRunReport & { runId?: string };

/** Plan runs; one run's DAG, live from its event stream, with a task in depth; replay a run. */
export function PlansView({ planRunId, taskId }: { planRunId?: string; taskId?: string }) {
  const list = useApi<{ plans: ListedPlanRun[] }>(planRunId === undefined ? '/plans' : undefined, { refreshMs: 2000 });
  if (planRunId !== undefined) return <PlanRunView key={planRunId} planRunId={planRunId} taskId={taskId} />;
  const runs = list.data?.plans ?? [];
  return (
    <>
      <h2>Plans</h2>
      <ErrorNote error={list.error} />
      {runs.length === 0 ? (
        <p>No plan runs yet: swarm plan run plan.yaml starts one.</p>
      ) : (
        <ul>
          {runs.map((run) => (
            <li key={run.id}>
              <a href={href('plans', run.id)}>{run.name ?? run.id}</a> <StatusBadge status={run.status} /> {time(run.updatedAt)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Where a replay or fork came from. */
function Origin({ origin }: { origin: { kind: string; of?: string; from?: string } }) {
  if (origin.kind === 'plan' || origin.of === undefined) return null;
  return (
    <>
      {' '}
      · a {origin.kind} of <a href={href('plans', origin.of)}>{origin.of}</a>
      {origin.from !== undefined && ` from ${origin.from}`}
    </>
  );
}

function PlanRunView({ planRunId, taskId }: { planRunId: string; taskId?: string }) {
  const [report, setReport] = useState<LivePlanRun | undefined>(undefined);
  const [replayed, setReplayed] = useState<string | undefined>(undefined);
  const [replayError, setReplayError] = useState<string | undefined>(undefined);
  useEventStream(`/plans/${encodeURIComponent(planRunId)}/events`, (value) => {
    const next = value as LivePlanRun;
    setReport(next);
    return next.status !== 'running';
  });
  const replay = async () => {
    setReplayError(undefined);
    try {
      const { run } = await api<{ run: { id: string } }>(`/plans/${encodeURIComponent(planRunId)}/replay`, { method: 'POST', body: {} });
      setReplayed(run.id);
    } catch (error) {
      setReplayError((error as Error).message);
    }
  };
  const stop = async () => {
    setReplayError(undefined);
    await api(`/plans/${encodeURIComponent(planRunId)}/cancel`, { method: 'POST' }).catch((error: Error) => setReplayError(error.message));
  };
  const task = report?.tasks.find((each) => each.id === taskId);
  return (
    <>
      <h2>
        <a href={href('plans')}>Plans</a> / {report?.name ?? planRunId}
      </h2>
      {report === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          <p>
            <StatusBadge status={report.status} /> <span data-testid="plan-counts">{report.completed} completed, {report.failed} failed, {report.skipped} skipped, {report.pending} pending</span>
            <Origin origin={report.origin as { kind: string; of?: string; from?: string }} />
          </p>
          <div class="actions">
            {report.runId !== undefined && (
              <button type="button" onClick={stop}>
                Stop (run {report.runId})
              </button>
            )}
            <button type="button" onClick={replay} disabled={report.status === 'running'}>
              Replay this run (no provider calls)
            </button>
            {replayed !== undefined && (
              <span role="status">
                {' '}
                Replay started as run <a href={href('runs', replayed)}>{replayed}</a>
              </span>
            )}
          </div>
          <ErrorNote error={replayError} />
          <div class="graph-scroll">
            <PlanGraph planRunId={planRunId} tasks={report.tasks} selected={taskId} />
          </div>
          <p class="legend">Each task shows its state in words; the fill repeats it: completed, running, pending, failed, skipped.</p>
          {task !== undefined && <TaskDetail key={task.id} planRunId={planRunId} taskId={task.id} status={task.status} />}
        </>
      )}
    </>
  );
}
