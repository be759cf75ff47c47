import type { Store } from '../../store/store.ts';
import type { AgentStepRecord } from '../../store/operations/agent-loops.ts';
import type { StreamedStep } from '../job-outcome.ts';
import { stepIdentity } from '../step-identity.ts';
import type { OutcomeTarget } from './commit-outcome.ts';

/**
 * Commits an agent loop step a worker streamed as its loop recorded it: appended to the unsettled
 * loop of its rows (opened if there is none), so that a loop whose worker is killed resumes from
 * it, here or on another worker. A step of rows this run has committed already (a straggler) is
 * left out: it would open a loop nobody settles.
 */
export function commitStep({ run, store, committed }: OutcomeTarget, { rowIds, step }: StreamedStep): void {
  if (rowIds.some((rowId) => committed.has(rowId))) return;
  recordLoopSteps(store, { passId: run.passId, rowIds, at: step.startedAt }, [step as AgentStepRecord]);
}

/**
 * Appends steps to the unsettled loop of `rowIds` in the pass (opened if there is none), each once:
 * a step the loop holds already (the same model call, the same tool call id) is not recorded again
 * (a step whose delivery was in doubt comes back with the outcome too). Returns the loop's id.
 */
export function recordLoopSteps(store: Store, loop: { passId: string; rowIds: string[]; at: number }, steps: readonly AgentStepRecord[]): number {
  const { loopId, steps: recorded } = store.agentLoops.open(loop);
  const seen = new Set(recorded.map(stepIdentity));
  for (const step of steps) {
    if (seen.has(stepIdentity(step))) continue;
    seen.add(stepIdentity(step));
    store.agentLoops.record(loopId, step);
  }
  return loopId;
}
