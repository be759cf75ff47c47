import path from 'node:path';
import { parseRequest } from '../api-requests/parse-request.ts';
import { taskFileRequestSchema, type TaskFileRequest } from '../api-requests/task-file-request-schema.ts';
import { runPass } from '../run-pass/run-pass.ts';
import { createTable } from '../table/create-table.ts';
import { loadTaskFile } from '../task/load-task-file.ts';
import { runTaskOn, type TaskJobPlace, type TaskRunResult } from '../task/run-task.ts';
import type { RunKind } from './run-kind.ts';

/**
 * A task file's job (`swarm run task.yaml`): the task file, its seeds and its worker script are
 * read here, and its pass runs on this context's limiters, with the task's own config (its
 * worker_api_base, its stagger) over them; its output file is written as the pass goes. Resumed,
 * the pass skips the seeds it answered.
 */
export const taskFileRunKind: RunKind<TaskFileRequest, TaskRunResult> = {
  name: 'task-file',
  parse: (value) => parseRequest(taskFileRequestSchema, value, 'task file request'),
  async execute(context, { file, total, pilot }, { abortSignal }) {
    const { cwd, config, env } = context;
    const task = loadTaskFile(path.resolve(cwd, file), { cwd, config, env, total });
    const place: TaskJobPlace = {
      context,
      create: async (source, options) => createTable(context.store, source, { ...options, cwd }),
      // The task's config over this context: its limiters (the daemon's) are the ones its calls take.
      engineFor(taskConfig) {
        const engine = { ...context, config: taskConfig };
        return { context: engine, run: (tableId, options, passEngine) => runPass(engine, tableId, options, passEngine), close() {} };
      },
    };
    return runTaskOn(place, task, { total, pilot, abortSignal });
  },
};
