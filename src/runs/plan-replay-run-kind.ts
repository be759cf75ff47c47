import { z } from 'zod';
import { parseRequest } from '../api-requests/parse-request.ts';
import type { PlanResult } from '../plan/plan.ts';
import { replayPlan } from '../run-plan/replay-plan.ts';
import type { RunKind } from './run-kind.ts';

/** A replay (or, with `from`, a fork) of a recorded plan run: `{ planRunId, from?, model? }`. */
export interface PlanReplayRequest {
  planRunId: string;
  from?: string;
  model?: string;
}

const planReplaySchema = z.strictObject({
  planRunId: z.string().min(1),
  from: z.string().min(1).optional().describe('Fork from this task: it and everything downstream of it run again for real.'),
  model: z.string().min(1).optional().describe('With from: the model the tasks that run again use.'),
});

/** Runs `replayPlan(planRunId, { from, model })`; resumed, the replay (one run per source, task and model) picks up where it stopped. */
export const planReplayRunKind: RunKind<PlanReplayRequest, PlanResult> = {
  name: 'plan-replay',
  parse: (value) => parseRequest(planReplaySchema, value, 'replay'),
  execute: (context, { planRunId, from, model }, { abortSignal }) => replayPlan(context, planRunId, { from, model, abortSignal }),
};
