import type { PlanMemory } from './plan-memory.ts';

/**
 * A task's prompt with the `k` findings most relevant to it (its prompt is the query unless `query`
 * is given) under "Relevant findings", each the passage that matched; not the task's own finding
 * (`runId` and `taskId`), when it runs again. The prompt as it was when nothing matches.
 */
export function promptWithMemories(
  prompt: string,
  memory: PlanMemory,
  { query = prompt, k = 5, runId, taskId }: { query?: string; k?: number; runId?: string; taskId?: string } = {},
): string {
  const own = (finding: { runId: string; taskId: string }) => runId !== undefined && finding.runId === runId && finding.taskId === taskId;
  const findings = memory
    .recall(query, k + 1)
    .filter((finding) => !own(finding))
    .slice(0, k);
  if (findings.length === 0) return prompt;
  const lines = findings.map((finding) => `- (${finding.taskId}) ${finding.snippet.replace(/\s+/g, ' ').trim()}`);
  return `${prompt.trimEnd()}\n\nRelevant findings from earlier tasks:\n${lines.join('\n')}`;
}
