import path from 'node:path';
import { createSecretRedactor } from '../call/secret-redactor.ts';
import { checkConfig, loadConfig } from '../config/load-config.ts';
import { rowTranscript, type RowTranscript } from '../transcript/row-transcript.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { createEventBus, type SwarmEventListener } from '../events/event-bus.ts';
import { estimatePass, type PassEstimate } from '../pass/estimate-pass.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { RunOptions } from '../pass/run-options.ts';
import { runPass } from '../run-pass/run-pass.ts';
import type { PassBackend } from '../run-pass/pass-backend.ts';
import type { Plan, PlanResult } from '../plan/plan.ts';
import { runPlan } from '../run-plan/run-plan.ts';
import { planForGoal, type PlanForGoalOptions } from '../planner/plan-for-goal.ts';
import type { RunPlanOptions } from '../run-plan/run-plan-options.ts';
import { replayPlan, type ReplayPlanOptions } from '../run-plan/replay-plan.ts';
import { planRunReport, type PlanRunReport } from '../run-plan/plan-run-report.ts';
import { runParallel } from '../parallel/run-parallel.ts';
import type { ParallelOptions } from '../parallel/parallel-options.ts';
import type { ParallelResult } from '../parallel/parallel-result.ts';
import { createLimiterRegistry } from '../limit/limiter-registry.ts';
import { openStore } from '../store/open-store.ts';
import { exportTable, type ExportTableOptions } from '../export/export-table.ts';
import { createTable, type CreateTableOptions } from '../table/create-table.ts';
import { listTables, type TableSummary } from '../table/list-tables.ts';
import { iterateRows, readRows, type ReadRowsOptions, type Row } from '../table/read-rows.ts';
import type { TableSource } from '../table/sources/table-source.ts';
import type { TableHandle } from '../table/table-handle.ts';
import type { SwarmContext } from '../context/swarm-context.ts';

/** Options of `openSwarm`. */
export interface OpenSwarmOptions {
  /** The store folder. Default: `SWARM_DIR`, else `.swarm` in `cwd`. */
  dir?: string;
  /** Folder relative paths (sources, config) are resolved against. Default `process.cwd()`. */
  cwd?: string;
  /**
   * Configuration, in the shape of swarm.config.yaml (sections left out are empty); checked like
   * the file. Default: `swarm.config.yaml` in `cwd`, when present.
   */
  config?: Partial<SwarmConfig>;
  /** Environment for model keys and defaults. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Where passes' dispatches, and plans' model, agent and command tasks, are answered. Default: this
   * process (`local`). `bullmqBackend()` from `swarm/distributed` sends them to `swarm worker`
   * processes; the caller closes it.
   */
  backend?: PassBackend;
}

/** Options of `create`: `{ id, sourceKey, maxFileBytes, abortSignal }` (relative paths resolve against the swarm's `cwd`). */
export type CreateOptions = Omit<CreateTableOptions, 'cwd'>;

/** The Swarm API bound to one store. */
export interface Swarm {
  /** Builds a table from a source; returns `{ id, count, columns }`. */
  create(source: TableSource, options?: CreateOptions): Promise<TableHandle>;
  /** Runs a pass over a table; returns `{ completed, failed, skipped, failures, ... }`. */
  run(tableId: string, options: RunOptions): Promise<PassResult>;
  /**
   * Runs a plan (a DAG of tasks) to its end: each task starts the moment the tasks it depends on are
   * done; a failed task's dependents are skipped; the same plan run again resumes. Returns `{ id,
   * completed, failed, skipped, tasks }`.
   */
  runPlan(plan: Plan, options?: RunPlanOptions): Promise<PlanResult>;
  /**
   * Runs a recorded plan run again as a new run from its recorded answers and tool results, making
   * no provider call; with `{ from, model }`, that task and everything downstream of it run again
   * for real with `model` (a fork).
   */
  replayPlan(runId: string, options?: ReplayPlanOptions): Promise<PlanResult>;
  /** A plan run and the state of each of its tasks. */
  planRun(runId: string): Promise<PlanRunReport>;
  /** Makes a plan (a DAG with fan-out and fan-in) for a goal with the orchestrator model; run it with `runPlan`. */
  plan(goal: string, options?: PlanForGoalOptions): Promise<Plan>;
  /** Sends each prompt as its own call, at once as far as the provider allows; every result in order, failures with their error. */
  parallel(prompts: readonly string[], options?: ParallelOptions): Promise<ParallelResult>;
  /** What a pass would send (calls, tokens, cost) without calling anything. */
  estimate(tableId: string, options: RunOptions): Promise<PassEstimate>;
  /** Writes a table to a JSONL, JSON, CSV or Parquet file (the file appears whole or not at all), or to a stream, streamed. */
  exportTable(tableId: string, options: ExportTableOptions): Promise<{ rows: number; file: string }>;
  /** A table's rows, filtered and projected. */
  rows(tableId: string, options?: ReadRowsOptions): Promise<Row[]>;
  /** Streams a table's rows without holding them all in memory. */
  iterateRows(tableId: string, options?: ReadRowsOptions): Generator<Row>;
  /** Every table in the store. */
  tables(): Promise<TableSummary[]>;
  /** A row's columns and the transcript of its agent loops (every model step and tool call). */
  transcript(tableId: string, rowId: string): Promise<RowTranscript>;
  /** Listens to engine events (progress, retries, pass ends); returns an unsubscribe function. */
  subscribe(listener: SwarmEventListener): () => void;
  /** The store folder. */
  readonly dir: string;
  /** The engine context, for the CLI and other entry points. */
  readonly context: SwarmContext;
  close(): void;
}

/** Opens the store in `dir` (created if missing) and returns the API bound to it. */
export function openSwarm({ dir, cwd = process.cwd(), config, env = process.env, backend }: OpenSwarmOptions = {}): Swarm {
  const checkedConfig = config === undefined ? loadConfig({ cwd }) : checkConfig(config, { cwd });
  const storeDir = path.resolve(cwd, dir ?? env.SWARM_DIR ?? '.swarm');
  const store = openStore(storeDir);
  const context: SwarmContext = {
    store,
    limiters: createLimiterRegistry(store),
    config: checkedConfig,
    events: createEventBus(),
    cwd,
    env,
    secrets: createSecretRedactor(env),
  };
  return {
    dir: storeDir,
    context,
    create: async (source, options) => createTable(context.store, source, { ...options, cwd }),
    run: (tableId, options) => runPass(context, tableId, options, undefined, backend),
    runPlan: (plan, options) => runPlan(context, plan, options, backend),
    plan: (goal, options) => planForGoal(context, goal, options),
    replayPlan: (runId, options) => replayPlan(context, runId, options),
    planRun: async (runId) => planRunReport(context.store, runId),
    parallel: (prompts, options) => runParallel(context, prompts, options),
    estimate: (tableId, options) => estimatePass(context, tableId, options),
    exportTable: (tableId, options) =>
      exportTable(context.store, tableId, { ...options, out: typeof options.out === 'string' ? path.resolve(cwd, options.out) : options.out }),
    rows: async (tableId, options) => readRows(context.store, tableId, options),
    iterateRows: (tableId, options) => iterateRows(context.store, tableId, options),
    tables: async () => listTables(context.store),
    transcript: async (tableId, rowId) => rowTranscript(context.store, tableId, rowId),
    subscribe: (listener) => context.events.subscribe(listener),
    close: () => {
      context.limiters.close();
      context.store.close();
    },
  };
}
