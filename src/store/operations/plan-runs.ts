import type { SqliteConnection } from '../sqlite-connection.ts';

/** Where a task of a plan run stands. */
export type StoredTaskStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';

/** How a plan run ended, or that it is under way (or was, when its process died). */
export type StoredPlanRunStatus = 'running' | 'finished' | 'stopped';

/** A run of a plan as the store keeps it. */
export interface StoredPlanRun {
  id: string;
  /** The table whose rows are the run's tasks (each task a one-row pass on it). */
  tableId: string;
  name: string | undefined;
  /** The plan as JSON (a function task's `run` as its source text). */
  plan: unknown;
  /** Where the run came from: a plan, or a replay or fork of another run (`{ kind, ... }`). */
  origin: unknown;
  status: StoredPlanRunStatus;
  createdAt: number;
  updatedAt: number;
}

/** One task of a plan run. */
export interface StoredPlanTask {
  taskId: string;
  /** Place in the plan's task list. */
  position: number;
  /** `model`, `agent`, `command` or `function`. */
  kind: string;
  status: StoredTaskStatus;
  /** A completed task's result (JSON); undefined otherwise. */
  result: unknown;
  /** Why a task failed or was skipped. */
  error: string | undefined;
  /** The pass that last ran the task (none for a function task). */
  passId: string | undefined;
  /** How many times the task was started, over every run of the plan. */
  runs: number;
  startedAt: number | undefined;
  endedAt: number | undefined;
  /** For a task adaptive planning added as the run went: the task after which it was added. */
  addedAfter: string | undefined;
}

/** What changes of a task as it runs and ends. */
export type PlanTaskUpdate = Pick<StoredPlanTask, 'status'> & Partial<Pick<StoredPlanTask, 'result' | 'error' | 'passId' | 'runs' | 'startedAt' | 'endedAt'>>;

/** A plan run in a listing. */
export interface ListedPlanRun {
  id: string;
  name: string | undefined;
  status: StoredPlanRunStatus;
  updatedAt: number;
}

/** Plan runs and the states of their tasks, each change committed as it happens. */
export interface PlanRunOperations {
  /** The run with this id, or undefined. */
  find(runId: string): StoredPlanRun | undefined;
  /** Records a new run as `running`, with every task `pending`. */
  create(run: { id: string; tableId: string; name: string | undefined; plan: unknown; origin: unknown; tasks: readonly { taskId: string; kind: string }[]; at: number }): void;
  /**
   * Marks a run `running` again (a re-run resumes it): its completed tasks stay completed, every
   * other task (failed, skipped, or running when its process died) is `pending` again.
   */
  resume(runId: string, at: number): void;
  /**
   * Adds tasks to a running run (adaptive planning): each `pending`, after the run's tasks, with
   * its row in the run's table; the stored plan becomes `plan` (the added tasks in it, and the
   * tasks that now wait for them). Call inside the transaction that records their events.
   */
  addTasks(runId: string, { plan, tasks, addedAfter }: { plan: unknown; tasks: readonly { taskId: string; kind: string; row: Record<string, unknown> }[]; addedAfter: string; at: number }): void;
  /** Records how a run ended. */
  end(runId: string, { status, at }: { status: 'finished' | 'stopped'; at: number }): void;
  /** The run's tasks, in plan order. */
  tasks(runId: string): StoredPlanTask[];
  /** Records a task's new state: the fields given replace the stored ones (`result` and `error` are cleared unless given). */
  saveTask(runId: string, taskId: string, update: PlanTaskUpdate): void;
  /** The most recently updated runs, newest first. */
  recent(limit: number): ListedPlanRun[];
}

interface TaskRow {
  task_id: string;
  position: number;
  kind: string;
  status: string;
  result: string | null;
  error: string | null;
  pass_id: string | null;
  runs: number;
  started_at: number | null;
  ended_at: number | null;
  added_after: string | null;
}

/** The plan run operations of a store. */
export function planRunOperations({ statement, transaction }: SqliteConnection): PlanRunOperations {
  return {
    find(runId) {
      const run = statement('SELECT id, table_id, name, plan, origin, status, created_at, updated_at FROM plan_runs WHERE id = ?').get(runId) as
        | { id: string; table_id: string; name: string | null; plan: string; origin: string; status: string; created_at: number; updated_at: number }
        | undefined;
      if (run === undefined) return undefined;
      return {
        id: run.id,
        tableId: run.table_id,
        name: run.name ?? undefined,
        plan: JSON.parse(run.plan),
        origin: JSON.parse(run.origin),
        status: run.status as StoredPlanRunStatus,
        createdAt: run.created_at,
        updatedAt: run.updated_at,
      };
    },
    create({ id, tableId, name, plan, origin, tasks, at }) {
      transaction(() => {
        statement(`INSERT INTO plan_runs (id, table_id, name, plan, origin, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`).run(
          id,
          tableId,
          name ?? null,
          JSON.stringify(plan),
          JSON.stringify(origin),
          at,
          at,
        );
        const insert = statement(`INSERT INTO plan_tasks (run_id, task_id, position, kind, status) VALUES (?, ?, ?, ?, 'pending')`);
        tasks.forEach(({ taskId, kind }, position) => insert.run(id, taskId, position, kind));
      });
    },
    resume(runId, at) {
      transaction(() => {
        statement(`UPDATE plan_runs SET status = 'running', updated_at = ? WHERE id = ?`).run(at, runId);
        statement(`UPDATE plan_tasks SET status = 'pending', error = NULL, result = NULL WHERE run_id = ? AND status <> 'completed'`).run(runId);
      });
    },
    addTasks(runId, { plan, tasks, addedAfter, at }) {
      transaction(() => {
        const { table_id: tableId, next } = statement(
          'SELECT r.table_id, (SELECT coalesce(max(position), -1) + 1 FROM plan_tasks WHERE run_id = r.id) AS next FROM plan_runs r WHERE r.id = ?',
        ).get(runId) as { table_id: string; next: number };
        statement('UPDATE plan_runs SET plan = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(plan), at, runId);
        const insertTask = statement(`INSERT INTO plan_tasks (run_id, task_id, position, kind, status, added_after) VALUES (?, ?, ?, ?, 'pending', ?)`);
        const insertRow = statement('INSERT INTO rows (table_id, id, data) VALUES (?, ?, ?)');
        tasks.forEach(({ taskId, kind, row }, index) => {
          insertTask.run(runId, taskId, next + index, kind, addedAfter);
          insertRow.run(tableId, taskId, JSON.stringify(row));
        });
        statement('UPDATE tables SET row_count = row_count + ? WHERE id = ?').run(tasks.length, tableId);
      });
    },
    end(runId, { status, at }) {
      statement('UPDATE plan_runs SET status = ?, updated_at = ? WHERE id = ?').run(status, at, runId);
    },
    tasks(runId) {
      const rows = statement(
        'SELECT task_id, position, kind, status, result, error, pass_id, runs, started_at, ended_at, added_after FROM plan_tasks WHERE run_id = ? ORDER BY position',
      ).all(runId) as unknown as TaskRow[];
      return rows.map((row) => ({
        taskId: row.task_id,
        position: row.position,
        kind: row.kind,
        status: row.status as StoredTaskStatus,
        result: row.result === null ? undefined : JSON.parse(row.result),
        error: row.error ?? undefined,
        passId: row.pass_id ?? undefined,
        runs: row.runs,
        startedAt: row.started_at ?? undefined,
        endedAt: row.ended_at ?? undefined,
        addedAfter: row.added_after ?? undefined,
      }));
    },
    saveTask(runId, taskId, { status, result, error, passId, runs, startedAt, endedAt }) {
      statement(
        `UPDATE plan_tasks SET status = ?, result = ?, error = ?, pass_id = coalesce(?, pass_id), runs = coalesce(?, runs),
           started_at = coalesce(?, started_at), ended_at = ? WHERE run_id = ? AND task_id = ?`,
      ).run(
        status,
        result === undefined ? null : JSON.stringify(result),
        error ?? null,
        passId ?? null,
        runs ?? null,
        startedAt ?? null,
        endedAt ?? null,
        runId,
        taskId,
      );
    },
    recent(limit) {
      const runs = statement('SELECT id, name, status, updated_at FROM plan_runs ORDER BY updated_at DESC, id LIMIT ?').all(limit) as {
        id: string;
        name: string | null;
        status: string;
        updated_at: number;
      }[];
      return runs.map((run) => ({ id: run.id, name: run.name ?? undefined, status: run.status as StoredPlanRunStatus, updatedAt: run.updated_at }));
    },
  };
}
