import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api.ts';
import { ErrorNote } from '../shared/error-note.tsx';
import { duration, pretty, time } from '../shared/format.ts';
import { href } from '../shared/route.ts';
import { StatusBadge } from '../shared/status-badge.tsx';
import { Attempts, Transcript, type AgentLoop, type Attempt } from '../shared/transcript.tsx';
import { useApi } from '../shared/use-api.ts';
import type { PlanRunTaskReport } from '../../../src/run-plan/plan-run-report.ts';

interface TaskDetailAnswer {
  task: PlanRunTaskReport;
  definition?: { description?: string; model?: string; agent?: string; command?: string; schema?: unknown };
  upstream: Record<string, unknown>;
  events: Array<{ type: string; at: number; data: Record<string, unknown> }>;
  attempts: Attempt[];
  loops: AgentLoop[];
}

/** One task in depth: its input (prompt and upstream results), result or error, critic scores, calls and transcript; fork the run from it. */
export function TaskDetail({ planRunId, taskId, status }: { planRunId: string; taskId: string; status: string }) {
  const detail = useApi<TaskDetailAnswer>(`/plans/${encodeURIComponent(planRunId)}/tasks/${encodeURIComponent(taskId)}`);
  // Read again when the task's state changes, so a finished task shows its result.
  useEffect(() => detail.reload(), [status]);
  const [model, setModel] = useState('');
  const [started, setStarted] = useState<string | undefined>(undefined);
  const [forkError, setForkError] = useState<string | undefined>(undefined);
  const fork = async (event: Event) => {
    event.preventDefault();
    setForkError(undefined);
    try {
      const { run } = await api<{ run: { id: string } }>(`/plans/${encodeURIComponent(planRunId)}/replay`, { method: 'POST', body: { from: taskId, ...(model.trim() === '' ? {} : { model: model.trim() }) } });
      setStarted(run.id);
    } catch (error) {
      setForkError((error as Error).message);
    }
  };
  const answer = detail.data;
  const critics = answer?.events.filter((event) => event.type === 'critic-end') ?? [];
  return (
    <section class="panel" aria-labelledby="task-title">
      <h3 id="task-title">
        Task <code>{taskId}</code> <StatusBadge status={status} /> <a href={href('plans', planRunId)}>(close)</a>
      </h3>
      <ErrorNote error={detail.error} />
      {answer !== undefined && (
        <>
          <p>
            {answer.task.kind} task, started {answer.task.runs} time{answer.task.runs === 1 ? '' : 's'}
            {answer.task.durationMs !== undefined && `, took ${duration(answer.task.durationMs)}`}
          </p>
          <h4>Input</h4>
          <pre>{answer.definition?.command ?? answer.definition?.description ?? ''}</pre>
          {Object.keys(answer.upstream).length > 0 && (
            <>
              <h4>Upstream results it was given</h4>
              <pre>{pretty(answer.upstream)}</pre>
            </>
          )}
          <h4>Result</h4>
          {answer.task.error !== undefined ? <p class="error-text">{answer.task.error}</p> : <pre data-testid="task-result">{answer.task.result === undefined ? '(none yet)' : pretty(answer.task.result)}</pre>}
          <h4>Critic</h4>
          {critics.length === 0 ? (
            <p>No critic scored this task.</p>
          ) : (
            <ul>
              {critics.map((event) => (
                <li key={event.at}>
                  score {String(event.data.score)} ({event.data.pass === true ? 'passed' : 'under the threshold: run again'}) {time(event.at)}: {String(event.data.critique ?? '')}
                </li>
              ))}
            </ul>
          )}
          <h4>Calls</h4>
          <Attempts attempts={answer.attempts} />
          <h4>Transcript</h4>
          <Transcript loops={answer.loops} />
          <h4>Fork from this task</h4>
          <form class="filters" onSubmit={fork}>
            <label>
              Model (optional) <input value={model} onInput={(event) => setModel(event.currentTarget.value)} placeholder="as the run used" size={24} />
            </label>
            <button type="submit">Fork from {taskId}</button>
          </form>
          <ErrorNote error={forkError} />
          {started !== undefined && (
            <p role="status">
              Fork started as run <a href={href('runs', started)}>{started}</a>; it appears in the plan runs when its first task starts.
            </p>
          )}
        </>
      )}
    </section>
  );
}
