import { preparePass } from '../pass/prepare-pass.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { Swarm } from '../swarm/open-swarm.ts';
import { openSwarm } from '../swarm/open-swarm.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { sourceTable } from '../swarm/source-table.ts';
import { sourceKey } from '../table/source-key.ts';
import type { TableHandle } from '../table/table-handle.ts';
import { checkTaskPlaceholders } from './check-task-placeholders.ts';
import { loadWorkerScript } from './load-worker-script.ts';
import { openTaskOutput } from './task-output.ts';
import { taskPassOptions } from './task-pass-options.ts';
import type { TaskDefinition } from './task-definition.ts';
import type { PassBackend } from '../run-pass/pass-backend.ts';

/** Options of `runTask`. */
export interface RunTaskOptions {
  /** The store folder (default: `SWARM_DIR`, else `.swarm` in `cwd`). */
  dir?: string;
  cwd?: string;
  config: SwarmConfig;
  env?: Record<string, string | undefined>;
  /** Run only the first this many seeds (DeepSwarm's `--total`). */
  total?: number;
  /** Run this many seeds as a pilot: the pass is the real one, so the full run resumes after them. */
  pilot?: number;
  abortSignal?: AbortSignal;
  /** Called with the open swarm before the pass starts (progress display). */
  onStart?: (swarm: Swarm, details: { tableId: string; passId: string; outputFile: string }) => void;
  /** Where the job's dispatches are answered (see `OpenSwarmOptions.backend`); one that runs them elsewhere is given the task file too. */
  backend?: PassBackend | TaskFileBackend;
}

/** A backend whose workers rebuild a task file's pass from the task itself (its worker script, conversations, endpoint). */
export interface TaskFileBackend extends PassBackend {
  /** The backend for the passes of `task`'s job. */
  forTask(task: TaskDefinition): PassBackend;
}

/** What a task run did. */
export interface TaskRunResult {
  tableId: string;
  /** Rows in the seeds table. */
  seeds: number;
  pass: PassResult;
  outputFile: string;
  model: string;
}

const checkpointIntervalMs = 1_000;

/**
 * Runs a task file's job: the seeds file becomes a table (found again on a re-run), the task
 * becomes a pass over it (resumed on a re-run), and the output file follows the store.
 */
export async function runTask(task: TaskDefinition, options: RunTaskOptions): Promise<TaskRunResult> {
  const job = await openTaskJob(task, options);
  const { swarm, table, runOptions, passId, fields, model } = job;
  try {
    const output = await openTaskOutput(swarm.context.store, swarm.context.events, { task, tableId: table.id, passId, fields });
    options.onStart?.(swarm, { tableId: table.id, passId, outputFile: output.file });
    // A checkpoint that fails (a full disk) is retried by the next one; the final rebuild's error is the one reported.
    const timer = setInterval(() => output.checkpoint().catch(() => {}), checkpointIntervalMs);
    let pass: PassResult;
    try {
      pass = await swarm.run(table.id, runOptions);
    } finally {
      clearInterval(timer);
      await output.close();
    }
    return { tableId: table.id, seeds: table.count, pass, outputFile: output.file, model };
  } finally {
    swarm.close();
  }
}

/** Rewrites a task's output file exactly from the store, calling nothing; returns the file and how many seeds it holds. */
export async function rebuildTaskOutput(task: TaskDefinition, options: RunTaskOptions): Promise<{ outputFile: string; answered: number }> {
  const { swarm, table, passId, fields } = await openTaskJob(task, options);
  try {
    const output = await openTaskOutput(swarm.context.store, swarm.context.events, { task, tableId: table.id, passId, fields });
    await output.close();
    return { outputFile: output.file, answered: swarm.context.store.results.countAnswered(passId) };
  } finally {
    swarm.close();
  }
}

/** The table, pass options and open swarm of a task's job; the caller closes the swarm. */
async function openTaskJob(task: TaskDefinition, options: RunTaskOptions) {
  const script = await loadWorkerScript(task);
  const probe = openSwarm({ dir: options.dir, cwd: options.cwd, config: options.config, env: options.env });
  try {
    // One table per task file and seeds content: another task over the same seeds keeps its own columns.
    const key = `${await sourceKey({ file: task.seedsFile }, options.cwd ?? process.cwd())}|task:${task.file}`;
    const seeds = await sourceTable(probe, { file: task.seedsFile }, { sourceKey: key });
    try {
      return checkTaskJob(task, options, seeds.table, script);
    } catch (error) {
      // A task refused for bad input leaves no table behind.
      seeds.discardIfUnused();
      throw error;
    }
  } finally {
    probe.close();
  }
}

/** Checks a task's pass over its seeds table before anything runs; returns it on an open swarm the caller closes. */
function checkTaskJob(task: TaskDefinition, options: RunTaskOptions, table: TableHandle, script: Awaited<ReturnType<typeof loadWorkerScript>>) {
  checkTaskPlaceholders(task.promptTemplate, table.columns, { file: task.file, key: 'prompt_template' });
  if (task.nextTurn !== undefined && 'template' in task.nextTurn) {
    checkTaskPlaceholders(task.nextTurn.template, table.columns, { file: task.file, key: 'next_turn.template' });
  }
  const { options: passOptions, config } = taskPassOptions(task, { config: options.config, env: options.env ?? process.env, script, tableColumns: table.columns });
  const backend = options.backend !== undefined && 'forTask' in options.backend ? options.backend.forTask(task) : options.backend;
  const swarm = openSwarm({ dir: options.dir, cwd: options.cwd, config, env: options.env, backend });
  try {
    // A pilot never runs past --total: the whole job is no bigger than that.
    const limit = options.pilot === undefined ? options.total : Math.min(options.pilot, options.total ?? options.pilot);
    // An edited task is a new pass over the same table: its answers replace the earlier version's.
    const runOptions = { ...passOptions, limit, overwrite: true, abortSignal: options.abortSignal };
    const { passId, schema, model } = preparePass(swarm.context, table.id, runOptions, { keysOnWorkers: backend !== undefined });
    return { swarm, table, runOptions, passId, fields: schema.fields, model: model?.spec ?? 'command' };
  } catch (error) {
    swarm.close();
    throw error;
  }
}
