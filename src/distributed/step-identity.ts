import type { AgentStepRecord } from '../store/operations/agent-loops.ts';

/** What makes two records of an agent loop the same step: the same model call, or the same tool call id. */
export function stepIdentity(step: AgentStepRecord): string {
  return step.kind === 'model' ? `model:${step.step}` : `tool:${step.toolCallId}`;
}
