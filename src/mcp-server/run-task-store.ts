import type { TaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
import type { Task } from '@modelcontextprotocol/sdk/types.js';
import { NotFoundError } from '../errors/not-found-error.ts';
import type { RunManager } from '../runs/run-manager.ts';
import { progressUnit } from '../runs/run-progress.ts';
import type { RunView } from '../runs/run-view.ts';
import { runToolResult } from './mcp-tool.ts';

/** How often a client is asked to poll a task, in milliseconds. */
const taskPollIntervalMs = 500;

const taskStatuses = { running: 'working', completed: 'completed', failed: 'failed', cancelled: 'cancelled' } as const;

/** A run as an MCP task: its id is the run's. */
export function taskOf(view: RunView): Task {
  const progress = view.progress === undefined ? undefined : `${view.progress.done + view.progress.failed}/${view.progress.total} ${progressUnit(view.progress)} (${view.progress.failed} failed)`;
  return {
    taskId: view.id,
    status: taskStatuses[view.status],
    // Runs are kept in the store for good (the store is the record); nothing expires them.
    ttl: null,
    createdAt: new Date(view.createdAt).toISOString(),
    lastUpdatedAt: new Date(view.updatedAt).toISOString(),
    pollInterval: taskPollIntervalMs,
    ...(view.error !== undefined ? { statusMessage: `${view.error.name}: ${view.error.message}` } : progress === undefined ? {} : { statusMessage: progress }),
  };
}

/**
 * The MCP SDK's task store over the store's runs: a task is a run, so it outlives the MCP
 * session (and the process: a run left by a process that died is resumed by the next). Tasks are
 * the store's, not a session's: every client holding the token sees them.
 */
export function runTaskStore(runs: RunManager): TaskStore {
  const find = (taskId: string): RunView | null => {
    try {
      return runs.get(taskId);
    } catch (error) {
      if (NotFoundError.isInstance(error)) return null;
      throw error;
    }
  };
  return {
    async createTask() {
      throw new Error('Swarm creates tasks by starting runs, never bare');
    },
    async getTask(taskId) {
      const view = find(taskId);
      return view === null ? null : taskOf(view);
    },
    // A run records its own result when it ends.
    async storeTaskResult() {},
    async getTaskResult(taskId) {
      const view = find(taskId);
      if (view === null) throw new Error(`no task ${taskId}`);
      return runToolResult(view);
    },
    async updateTaskStatus(taskId, status) {
      if (status === 'cancelled') runs.cancel(taskId);
    },
    async listTasks(cursor) {
      const { runs: page, next } = runs.list({ before: cursor });
      return { tasks: page.map(taskOf), ...(next === undefined ? {} : { nextCursor: next }) };
    },
  };
}
