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
import type { SwarmContext } from '../context/swarm-context.ts';
import type { RunOptions } from '../pass/run-options.ts';
import type { EnginePassOptions } from '../pass/engine-pass-options.ts';
import { runPass } from '../run-pass/run-pass.ts';

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
  /** Called with the engine context before the pass starts (progress display). */
  onStart?: (context: SwarmContext, details: { tableId: string; passId: string; outputFile: string }) => void;
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

/** What a task's job runs on: an engine context with the task's config, and how it runs a pass there. */
export interface TaskJobEngine {
  context: SwarmContext;
  /** Runs the job's pass; `engine` carries what the pass options cannot (the task's conversation). */
  run(tableId: string, options: RunOptions, engine: EnginePassOptions): Promise<PassResult>;
  close(): void;
}

/**
 * Where a task's job is done: its seeds table is made on `context` (with `create`), and its pass
 * on the engine `engineFor` gives for the task's config (its worker_api_base, its stagger).
 */
export interface TaskJobPlace {
  context: SwarmContext;
  create: Pick<Swarm, 'create'>['create'];
  engineFor(config: SwarmConfig, task: TaskDefinition): TaskJobEngine;
  /** True when the pass's calls are made by workers elsewhere (they hold the keys). */
  keysOnWorkers?: boolean;
}

/**
 * Runs a task file's job: the seeds file becomes a table (found again on a re-run), the task
 * becomes a pass over it (resumed on a re-run), and the output file follows the store.
 */
export async function runTask(task: TaskDefinition, options: RunTaskOptions): Promise<TaskRunResult> {
  const probe = openSwarm({ dir: options.dir, cwd: options.cwd, config: options.config, env: options.env });
  try {
    return await runTaskOn(inSwarms(probe, options), task, options);
  } finally {
    probe.close();
  }
}

/** Runs a task file's job at `place` (see `runTask`): the daemon's engine, or this process's. */
export async function runTaskOn(place: TaskJobPlace, task: TaskDefinition, options: Pick<RunTaskOptions, 'total' | 'pilot' | 'abortSignal' | 'onStart'>): Promise<TaskRunResult> {
  const { engine, table, runOptions, passEngine, passId, fields, model } = await openTaskJob(place, task, options);
  try {
    const { store, events } = engine.context;
    const output = await openTaskOutput(store, events, { task, tableId: table.id, passId, fields });
    options.onStart?.(engine.context, { tableId: table.id, passId, outputFile: output.file });
    // A checkpoint that fails (a full disk) is retried by the next one; the final rebuild's error is the one reported.
    const timer = setInterval(() => output.checkpoint().catch(() => {}), checkpointIntervalMs);
    let pass: PassResult;
    try {
      pass = await engine.run(table.id, runOptions, passEngine);
    } finally {
      clearInterval(timer);
      await output.close();
    }
    return { tableId: table.id, seeds: table.count, pass, outputFile: output.file, model };
  } finally {
    engine.close();
  }
}

/** Rewrites a task's output file exactly from the store, calling nothing; returns the file and how many seeds it holds. */
export async function rebuildTaskOutput(task: TaskDefinition, options: RunTaskOptions): Promise<{ outputFile: string; answered: number }> {
  const probe = openSwarm({ dir: options.dir, cwd: options.cwd, config: options.config, env: options.env });
  try {
    const { engine, table, passId, fields } = await openTaskJob(inSwarms(probe, options), task, options);
    try {
      const output = await openTaskOutput(engine.context.store, engine.context.events, { task, tableId: table.id, passId, fields });
      await output.close();
      return { outputFile: output.file, answered: engine.context.store.results.countAnswered(passId) };
    } finally {
      engine.close();
    }
  } finally {
    probe.close();
  }
}

/** This process as a task job's place: the seeds table made on `probe`, the pass on a Swarm of its own with the task's config and `options.backend`. */
function inSwarms(probe: Swarm, options: RunTaskOptions): TaskJobPlace {
  return {
    context: probe.context,
    create: probe.create,
    keysOnWorkers: options.backend !== undefined,
    engineFor(config, task) {
      const backend = options.backend !== undefined && 'forTask' in options.backend ? options.backend.forTask(task) : options.backend;
      const swarm = openSwarm({ dir: options.dir, cwd: options.cwd, config, env: options.env, backend });
      return { context: swarm.context, run: (tableId, runOptions, engine) => runPass(swarm.context, tableId, runOptions, engine, backend), close: swarm.close };
    },
  };
}

/** The table, pass options and engine of a task's job; the caller closes the engine. */
async function openTaskJob(place: TaskJobPlace, task: TaskDefinition, options: Pick<RunTaskOptions, 'total' | 'pilot' | 'abortSignal'>) {
  const script = await loadWorkerScript(task);
  // One table per task file and seeds content: another task over the same seeds keeps its own columns.
  const key = `${await sourceKey({ file: task.seedsFile }, place.context.cwd)}|task:${task.file}`;
  const seeds = await sourceTable({ context: place.context, create: place.create }, { file: task.seedsFile }, { sourceKey: key });
  try {
    return checkTaskJob(place, task, options, seeds.table, script);
  } catch (error) {
    // A task refused for bad input leaves no table behind.
    seeds.discardIfUnused();
    throw error;
  }
}

/** Checks a task's pass over its seeds table before anything runs; returns it on an engine the caller closes. */
function checkTaskJob(place: TaskJobPlace, task: TaskDefinition, options: Pick<RunTaskOptions, 'total' | 'pilot' | 'abortSignal'>, table: TableHandle, script: Awaited<ReturnType<typeof loadWorkerScript>>) {
  checkTaskPlaceholders(task.promptTemplate, table.columns, { file: task.file, key: 'prompt_template' });
  if (task.nextTurn !== undefined && 'template' in task.nextTurn) {
    checkTaskPlaceholders(task.nextTurn.template, table.columns, { file: task.file, key: 'next_turn.template' });
  }
  const { options: passOptions, config, conversation } = taskPassOptions(task, { config: place.context.config, env: place.context.env, script, tableColumns: table.columns });
  const engine = place.engineFor(config, task);
  try {
    // A pilot never runs past --total: the whole job is no bigger than that.
    const limit = options.pilot === undefined ? options.total : Math.min(options.pilot, options.total ?? options.pilot);
    // An edited task is a new pass over the same table: its answers replace the earlier version's.
    const runOptions = { ...passOptions, limit, overwrite: true, abortSignal: options.abortSignal };
    const passEngine: EnginePassOptions = { conversation };
    const { passId, schema, model } = preparePass(engine.context, table.id, runOptions, { ...passEngine, keysOnWorkers: place.keysOnWorkers === true });
    return { engine, table, runOptions, passEngine, passId, fields: schema.fields, model: model?.spec ?? 'command' };
  } catch (error) {
    engine.close();
    throw error;
  }
}
