/**
 * Child process: the floor for the 30-task benchmark. Every row's call is made at once through
 * the same AI SDK provider's `doGenerate`, with nothing around it: no limiter, no retries, no
 * validation, no store. No client built on the AI SDK can finish sooner; what Swarm adds to
 * this time is its whole cost. With `repeat`, a second round on fresh rows in the same process.
 */
import { childArguments, sendReport } from '../support/child-report.ts';
import { baselineModel, classifyReview } from './classify-review.ts';
import { reviewTasks } from './review-tasks.ts';
import type { SideArguments, SideReport } from './side-arguments.ts';

const { provider, baseUrl, apiKey, modelId, rows, durationMs, repeat = false } = childArguments<SideArguments>();
const model = baselineModel({ provider, apiKey, baseUrl, modelId });

async function callAll(tasks: Array<{ id: string; text: string }>) {
  const deadline = AbortSignal.timeout(durationMs);
  const started = performance.now();
  const answers = await Promise.allSettled(tasks.map((row) => classifyReview(model, row, deadline)));
  return { completed: answers.filter((answer) => answer.status === 'fulfilled').length, runMs: performance.now() - started };
}

const cold = await callAll(reviewTasks(rows));
const warm = repeat ? await callAll(reviewTasks(rows, { first: rows })) : undefined;
sendReport<SideReport>({ completed: cold.completed, failed: rows - cold.completed, runMs: cold.runMs, warmRunMs: warm?.runMs });
