import { askOrchestrator, orchestratorModel } from './ask-orchestrator.ts';
import type { Swarm } from '../swarm/open-swarm.ts';
import type { TaskDefinition } from './task-definition.ts';
import type { TaskRunResult } from './run-task.ts';

/** What a pilot run shows before the full job is committed to. */
export interface PilotReport {
  /** The pilot rows' answers. */
  samples: Array<{ id: string; answer: Record<string, unknown> }>;
  /** The rest of the job, projected from the pilot's measured usage per row. */
  projected: { rows: number; calls: number; inputTokens: number; outputTokens: number; cost: number | undefined };
  /** The orchestrator model's review of the samples, when it could give one. */
  review?: { verdict: 'good' | 'needs-changes'; notes: string };
}

const reviewSchema = {
  type: 'object',
  properties: {
    verdict: { type: 'string', enum: ['good', 'needs-changes'] },
    notes: { type: 'string', description: 'what is wrong or could be better, in a few sentences' },
  },
  required: ['verdict', 'notes'],
};

/**
 * Builds the pilot report: samples, the projection for the remaining rows from the store's record
 * of every call the pass made so far, and a review by the orchestrator model.
 */
export async function pilotReport(
  swarm: Swarm,
  task: TaskDefinition,
  run: TaskRunResult,
  { size, total, abortSignal }: { size: number; total?: number; abortSignal?: AbortSignal },
): Promise<PilotReport> {
  const { store } = swarm.context;
  const samples = store.results.answers(run.pass.passId, size).map((row) => ({ id: row.rowId, answer: row.output }));
  const done = store.results.countAnswered(run.pass.passId);
  const spent = store.attempts.usage(run.pass.passId);
  // The whole job is the seeds file, or its first `--total` seeds.
  const remaining = Math.max(0, Math.min(run.seeds, total ?? Number.POSITIVE_INFINITY) - done);
  const perRow = (value: number) => (done === 0 ? 0 : (value / done) * remaining);
  const projected = {
    rows: remaining,
    calls: Math.round(perRow(spent.calls)),
    inputTokens: Math.round(perRow(spent.inputTokens)),
    outputTokens: Math.round(perRow(spent.outputTokens)),
    cost: spent.cost === undefined ? undefined : perRow(spent.cost),
  };
  return { samples, projected, review: await reviewSamples(swarm, task, { samples, abortSignal }) };
}

async function reviewSamples(
  swarm: Swarm,
  task: TaskDefinition,
  { samples, abortSignal }: { samples: PilotReport['samples']; abortSignal: AbortSignal | undefined },
): Promise<PilotReport['review']> {
  if (samples.length === 0) return undefined;
  const model = orchestratorModel(task, swarm.context.config, swarm.context.env, swarm.context.secrets);
  const shown = samples
    .slice(0, 5)
    .map((sample) => `<sample id="${sample.id}">\n${JSON.stringify(sample.answer).slice(0, 2000)}\n</sample>`)
    .join('\n');
  try {
    const answer = await askOrchestrator(model, {
      system: 'You review the pilot run of a batch generation job before thousands of calls are made. Be concrete.',
      user: `The workers were given this prompt template:\n${task.promptTemplate}\n\nPilot outputs:\n${shown}\n\nDo the outputs do what the template asks? Answer as JSON: verdict and notes.`,
      schema: reviewSchema,
      abortSignal,
    });
    const review = answer as { verdict?: unknown; notes?: unknown } | undefined;
    if (review?.verdict !== 'good' && review?.verdict !== 'needs-changes') return undefined;
    return { verdict: review.verdict, notes: String(review.notes ?? '') };
  } catch {
    return undefined;
  }
}
