/**
 * Swarm's package root. This list is deliberate: adding to it is an API change. Heavier entry
 * points (CLI, daemon, distributed workers) live behind their own import paths.
 */
import type { ParallelOptions } from './parallel/parallel-options.ts';
import type { ParallelResult } from './parallel/parallel-result.ts';
import type { PassResult } from './pass/pass-result.ts';
import type { Plan, PlanResult } from './plan/plan.ts';
import type { ReplayPlanOptions } from './run-plan/replay-plan.ts';
import type { RunPlanOptions } from './run-plan/run-plan-options.ts';
import type { RunOptions } from './pass/run-options.ts';
import { defaultSwarm } from './swarm/default-swarm.ts';
import type { CreateOptions } from './swarm/open-swarm.ts';
import type { ReadRowsOptions, Row } from './table/read-rows.ts';
import type { TableSource } from './table/sources/table-source.ts';
import type { TableHandle } from './table/table-handle.ts';
import type { TableSummary } from './table/list-tables.ts';
import type { RowTranscript } from './transcript/row-transcript.ts';
import type { PlanForGoalOptions } from './planner/plan-for-goal.ts';

/** Builds a table from `{ tasks }`, `{ glob }`, `{ filePaths }` or `{ file }` in the default store; options: `{ id, maxFileBytes, abortSignal }`. */
export function create(source: TableSource, options?: CreateOptions): Promise<TableHandle> {
  return defaultSwarm().create(source, options);
}

/** Runs a pass over a table in the default store; returns `{ completed, failed, skipped, failures }`. */
export function run(tableId: string, options: RunOptions): Promise<PassResult> {
  return defaultSwarm().run(tableId, options);
}

/** Sends each prompt as its own call in the default store, as many at once as the provider allows; every result in order, failures with their error. */
export function parallel(prompts: readonly string[], options?: ParallelOptions): Promise<ParallelResult> {
  return defaultSwarm().parallel(prompts, options);
}

/** Reads rows of a table in the default store: `{ filter, columns, limit }`. */
export function rows(tableId: string, options?: ReadRowsOptions): Promise<Row[]> {
  return defaultSwarm().rows(tableId, options);
}

/** Lists the tables of the default store. */
export function tables(): Promise<TableSummary[]> {
  return defaultSwarm().tables();
}

/** Runs a plan (a DAG of tasks) in the default store; the same plan run again resumes. Returns `{ id, completed, failed, skipped, tasks }`. */
export function runPlan(plan: Plan, options?: RunPlanOptions): Promise<PlanResult> {
  return defaultSwarm().runPlan(plan, options);
}

/** Makes a plan for a goal with the orchestrator model (`{ model, strategy, maxTasks }`); run it with `runPlan`. */
export function plan(goal: string, options?: PlanForGoalOptions): Promise<Plan> {
  return defaultSwarm().plan(goal, options);
}

/** Runs a recorded plan run of the default store again, from its recorded answers (no provider call); `{ from, model }` forks it. */
export function replayPlan(runId: string, options?: ReplayPlanOptions): Promise<PlanResult> {
  return defaultSwarm().replayPlan(runId, options);
}

/** A row of the default store with the transcript of its agent loops (`subagentType` passes): each model step and tool call. */
export function transcript(tableId: string, rowId: string): Promise<RowTranscript> {
  return defaultSwarm().transcript(tableId, rowId);
}

export { openSwarm, type OpenSwarmOptions, type Swarm, type CreateOptions } from './swarm/open-swarm.ts';
export { mapReduce, type MapReduceOptions, type MapTools } from './map-reduce/map-reduce.ts';
export { MapReduceError } from './map-reduce/map-reduce-error.ts';
export type { PassResult, PassStop } from './pass/pass-result.ts';
export type { ParallelOptions } from './parallel/parallel-options.ts';
export type { ParallelResult, ParallelStats } from './parallel/parallel-result.ts';
export type { PromptResult } from './parallel/prompt-result.ts';
export type { PassEstimate, CommandPreview } from './pass/estimate-pass.ts';
export type { BudgetLimits } from './budget/budget-limits.ts';
export type { ExportTableOptions } from './export/export-table.ts';
export type { ExportFormat } from './export/export-format.ts';
export type { RunOptions, ModelRunOptions, CommandRunOptions, SharedRunOptions, BatchSizeFunction } from './pass/run-options.ts';
export type { RowFailure } from './recorder/result-writer.ts';
export type { ReadRowsOptions, Row } from './table/read-rows.ts';
export type { TableSource } from './table/sources/table-source.ts';
export type { TableHandle } from './table/table-handle.ts';
export type { TableSummary } from './table/list-tables.ts';
export type { RowFilter } from './filter/row-filter.ts';
export type { SwarmEvent, TokenUsage } from './events/swarm-event.ts';
export type { SwarmConfig } from './config/swarm-config.ts';
export type { RowTranscript } from './transcript/row-transcript.ts';
export type { Plan, PlanTask, PlanTaskKind, PlanCondition, PlanTaskInput, PlanTaskStatus, PlanResult, UpstreamFailure, PlanRouting, PlanAdapting } from './plan/plan.ts';
export type { RunPlanOptions, AfterTaskVerdict } from './run-plan/run-plan-options.ts';
export type { ReplayPlanOptions } from './run-plan/replay-plan.ts';
export type { PlanRunReport, PlanRunTaskReport } from './run-plan/plan-run-report.ts';
export { loadPlanFile } from './plan/load-plan-file.ts';
export type { AgentLoopTranscript, AgentStepRecord } from './store/operations/agent-loops.ts';
export type { AgentTypeConfig, McpServerConfig } from './config/agents-config-schema.ts';
export { createMockModel } from './model/mock/create-mock-model.ts';
export { SwarmError, InvalidInputError, DuplicateIdError, NotFoundError, ModelConfigError, StoreVersionError, StoreCorruptError } from './errors/index.ts';
export { PassBusyError } from './pass/pass-busy-error.ts';
export { PlanBusyError } from './run-plan/plan-busy-error.ts';
export { ProviderWaitError } from './governed-model/provider-wait-error.ts';
export { governModel } from './governed-model/govern-model.ts';
export type { Governance } from './governed-model/governance.ts';
export type { AttemptRecorder, AttemptEnd, AnsweredAttempt, FailedAttempt } from './governed-model/attempt-recorder.ts';
export { GovernedCallError } from './governed-model/governed-call-error.ts';
export { BudgetExceededError } from './governed-model/budget-exceeded-error.ts';
export { createKeyLimiter, type KeyLimiter, type CallTokens, type Reservation } from './limit/key-limiter.ts';
export type { BudgetGuard, BudgetTicket, BudgetStop } from './budget/budget-guard.ts';
