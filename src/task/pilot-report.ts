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
  { size, total }: { size: number; total?: number },
): Promise<PilotReport> {
  const { store } = swarm.context;
  const answered = store
    .statement(`SELECT row_id, output FROM results WHERE pass_id = ? AND status = 'done' ORDER BY row_id LIMIT ?`)
    .all(run.pass.passId, size) as { row_id: string; output: string }[];
  const samples = answered.map((row) => ({ id: row.row_id, answer: JSON.parse(row.output) as Record<string, unknown> }));
  const done = (store.statement(`SELECT count(*) AS n FROM results WHERE pass_id = ? AND status = 'done'`).get(run.pass.passId) as { n: number }).n;
  const spent = store
    .statement(
      `SELECT count(*) AS calls, coalesce(sum(input_tokens), 0) AS input, coalesce(sum(output_tokens), 0) AS output, sum(cost) AS cost
         FROM attempts WHERE pass_id = ?`,
    )
    .get(run.pass.passId) as { calls: number; input: number; output: number; cost: number | null };
  // The whole job is the seeds file, or its first `--total` seeds.
  const remaining = Math.max(0, Math.min(run.seeds, total ?? Number.POSITIVE_INFINITY) - done);
  const perRow = (value: number) => (done === 0 ? 0 : (value / done) * remaining);
  const projected = {
    rows: remaining,
    calls: Math.round(perRow(spent.calls)),
    inputTokens: Math.round(perRow(spent.input)),
    outputTokens: Math.round(perRow(spent.output)),
    cost: spent.cost === null ? undefined : perRow(spent.cost),
  };
  return { samples, projected, review: await reviewSamples(swarm, task, samples) };
}

async function reviewSamples(swarm: Swarm, task: TaskDefinition, samples: PilotReport['samples']): Promise<PilotReport['review']> {
  if (samples.length === 0) return undefined;
  const model = orchestratorModel(task, swarm.context.config, swarm.context.env);
  const shown = samples
    .slice(0, 5)
    .map((sample) => `<sample id="${sample.id}">\n${JSON.stringify(sample.answer).slice(0, 2000)}\n</sample>`)
    .join('\n');
  try {
    const answer = await askOrchestrator(model, {
      system: 'You review the pilot run of a batch generation job before thousands of calls are made. Be concrete.',
      user: `The workers were given this prompt template:\n${task.promptTemplate}\n\nPilot outputs:\n${shown}\n\nDo the outputs do what the template asks? Answer as JSON: verdict and notes.`,
      schema: reviewSchema,
    });
    const review = answer as { verdict?: unknown; notes?: unknown } | undefined;
    if (review?.verdict !== 'good' && review?.verdict !== 'needs-changes') return undefined;
    return { verdict: review.verdict, notes: String(review.notes ?? '') };
  } catch {
    return undefined;
  }
}
