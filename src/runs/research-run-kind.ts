import { parseRequest } from '../api-requests/parse-request.ts';
import { researchRequestSchema, type ResearchRequest } from '../api-requests/research-request-schema.ts';
import { chooseModelSpec } from '../model/choose-model-spec.ts';
import type { PlanResult } from '../plan/plan.ts';
import { researchPlan } from '../research/research-plan.ts';
import { runPlan } from '../run-plan/run-plan.ts';
import type { RunKind } from './run-kind.ts';

/**
 * `swarm research A B --topic T`: the research plan (per subject search → fetch → analyze, then a
 * synthesis citing its sources) run on the chosen model. The plan is made anew from the request
 * on a resume: the same request makes the same plan, so the run resumes it.
 */
export const researchRunKind: RunKind<ResearchRequest, PlanResult> = {
  name: 'research',
  parse: (value) => parseRequest(researchRequestSchema, value, 'research request'),
  execute(context, { subjects, topic, model: spec, search, sourcesPerSubject }, { abortSignal }) {
    const { config, env } = context;
    const model = chooseModelSpec(spec, { config, env });
    const plan = researchPlan(subjects, topic, { model, search, sourcesPerSubject, config, env });
    return runPlan(context, plan, { model, abortSignal });
  },
};
