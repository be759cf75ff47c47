import type { Redis } from 'ioredis';
import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import type { AgentStepRecord } from '../../store/operations/agent-loops.ts';
import { streamedStepSchema } from '../job-outcome.ts';
import { stepIdentity } from '../step-identity.ts';

/**
 * The steps a job's agent loop resumes from: those its coordinator had in the store when it
 * enqueued the job (`loop`), then those the job's earlier workers streamed to `stepsKey` before
 * they were killed, each once (a step is the same model call or the same tool call id).
 */
export async function loopToResume(redis: Redis, stepsKey: string, rows: readonly PendingRow[], loop: AgentStepRecord[] | undefined): Promise<AgentStepRecord[] | undefined> {
  const listed = await redis.lrange(stepsKey, 0, -1);
  if (listed.length === 0) return loop;
  const jobRows = JSON.stringify(rows.map((row) => row.id));
  const steps = [...(loop ?? [])];
  const seen = new Set(steps.map(stepIdentity));
  for (const json of listed) {
    const parsed = parseUntrustedJson(json);
    const checked = parsed.ok ? streamedStepSchema.safeParse(parsed.value) : undefined;
    // Only the loop of the job's own rows is resumed (a row retried alone within the job starts afresh).
    if (checked?.success !== true || JSON.stringify(checked.data.rowIds) !== jobRows) continue;
    const step = checked.data.step as AgentStepRecord;
    if (seen.has(stepIdentity(step))) continue;
    seen.add(stepIdentity(step));
    steps.push(step);
  }
  return steps;
}
