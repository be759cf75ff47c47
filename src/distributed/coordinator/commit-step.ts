import type { AgentStepRecord } from '../../store/operations/agent-loops.ts';
import type { StreamedStep } from '../job-outcome.ts';
import type { OutcomeTarget } from './commit-outcome.ts';

/**
 * Commits an agent loop step a worker streamed as its loop recorded it: appended to the unsettled
 * loop of its rows (opened if there is none), so that a loop whose worker is killed resumes from
 * it, here or on another worker. A step of rows this run has committed already (a straggler) is
 * left out: it would open a loop nobody settles.
 */
export function commitStep({ run, store, committed }: OutcomeTarget, { rowIds, step }: StreamedStep): void {
  if (rowIds.some((rowId) => committed.has(rowId))) return;
  const { loopId } = store.agentLoops.open({ passId: run.passId, rowIds, at: step.startedAt });
  store.agentLoops.record(loopId, step as AgentStepRecord);
}
