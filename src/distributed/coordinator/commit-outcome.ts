import type { ResponseCache } from '../../cache/response-cache.ts';
import type { PassRun } from '../../pass/pass-run.ts';
import type { ResponseSchema } from '../../pass/response-schema.ts';
import { describeValidationErrors } from '../../pass/response-schema.ts';
import { persistPassEvent } from '../../recorder/persist-pass-event.ts';
import { recordDone } from '../../recorder/record-done.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import type { Store } from '../../store/store.ts';
import type { AgentStepRecord } from '../../store/operations/agent-loops.ts';
import type { JobOutcome } from '../job-outcome.ts';
import { recordLoopSteps } from './commit-step.ts';

/** What a pass run's outcomes are committed into, and what it committed already. */
export interface OutcomeTarget {
  run: PassRun;
  store: Store;
  tableId: string;
  /** The columns the pass writes: a worker's answer is checked against them again. */
  schema: ResponseSchema;
  cache: ResponseCache | undefined;
  /** Rows this run committed a result for: a second outcome for one of them is not committed. */
  committed: Set<string>;
}

/**
 * Commits a dispatch's outcome as the local pool would have recorded it: every call it made (calls
 * cost money whoever made them, even twice), the pass's usage, answers for the cache, events, agent
 * loops, then each row's answer or failure, once: a row another outcome answered already is left
 * as it is (a job done twice after a worker stalled, or an outcome from before a restart).
 * `rowIds` are the job's rows when this run enqueued or adopted it; an outcome of a job it does
 * not know commits only rows the store has not answered.
 */
export function commitOutcome(target: OutcomeTarget, outcome: JobOutcome, rowIds: string[] | undefined): void {
  const { run, store, cache, committed } = target;
  const usage = run.usage;
  usage.calls += outcome.usage.calls;
  usage.rateLimited += outcome.usage.rateLimited;
  usage.retries += outcome.usage.retries;
  usage.cached += outcome.usage.cached;
  usage.inputTokens += outcome.usage.inputTokens;
  usage.outputTokens += outcome.usage.outputTokens;
  if (outcome.usage.cost !== undefined) usage.cost = (usage.cost ?? 0) + outcome.usage.cost;
  for (const attempt of outcome.attempts) run.writer.attempt({ ...attempt, cost: attempt.cost });
  for (const { key, text, usage: tokens } of outcome.cache) cache?.put(key, { text, usage: tokens });
  for (const event of outcome.events) {
    run.events.emit(event);
    if (event.type === 'warning') persistPassEvent(store, 'warning', run.passId, { message: event.message });
  }
  if (outcome.loops.length > 0) {
    store.transaction(() => {
      for (const loop of outcome.loops) {
        // Its steps were streamed ahead of it; those that could not be come with it.
        const loopId = recordLoopSteps(store, { passId: run.passId, rowIds: loop.rowIds, at: Date.now() }, loop.steps as AgentStepRecord[]);
        if (loop.settled) store.agentLoops.settle(loopId);
      }
    });
  }

  const mine = rowIds === undefined ? undefined : new Set(rowIds);
  const takes = (rowId: string) => {
    if (committed.has(rowId)) return false;
    if (mine !== undefined) return mine.has(rowId);
    return store.rows.data(target.tableId, rowId) !== undefined && !store.results.isAnswered(run.passId, rowId);
  };
  for (const { id, output } of outcome.done) {
    if (!takes(id)) continue;
    committed.add(id);
    if (target.schema.validate(output)) recordDone(run, id, output);
    else {
      const problem = describeValidationErrors(target.schema.validate);
      recordFailure(run, { id, error: `a worker's answer does not match the schema: ${problem}`, errorClass: 'invalid-output', rawOutput: JSON.stringify(output) });
    }
  }
  for (const failure of outcome.failed) {
    if (!takes(failure.id)) continue;
    committed.add(failure.id);
    recordFailure(run, failure);
  }
  if (outcome.stop !== undefined) run.stop(outcome.stop);
}
