/**
 * Child process: the DeepSwarm recipe, the first baseline of the rate-limit benchmarks. A fixed
 * pool of 16 workers (its calibration table's count for calls under 10 s), worker i starting
 * i × `staggerMs` after the first (its "auto" stagger: call duration / workers × 2), each taking
 * the next row and calling the provider until it succeeds; after any error it sleeps 1 s and
 * tries the same row again. It knows nothing of limits, headers or `retry-after`. With `repeat`,
 * the pool runs a second time over fresh rows in the same process.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { childArguments, sendReport } from '../support/child-report.ts';
import { baselineModel, classifyReview } from './classify-review.ts';
import { reviewTasks } from './review-tasks.ts';
import type { SideArguments, SideReport } from './side-arguments.ts';

const workers = 16;
const sleepAfterErrorMs = 1000;

const { provider, baseUrl, apiKey, modelId, rows, durationMs, staggerMs = 0, repeat = false } = childArguments<SideArguments>();
const model = baselineModel({ provider, apiKey, baseUrl, modelId });

/** Runs the pool over `tasks` until every row is answered or `durationMs` has passed. */
async function runPool(tasks: Array<{ id: string; text: string }>) {
  const deadline = AbortSignal.timeout(durationMs);
  let next = 0;
  let completed = 0;
  const worker = async (index: number) => {
    await sleep(index * staggerMs, undefined, { signal: deadline });
    for (let row = tasks[next++]; row !== undefined; row = tasks[next++]) {
      for (;;) {
        try {
          await classifyReview(model, row, deadline);
          completed++;
          break;
        } catch {
          if (deadline.aborted) return;
          await sleep(sleepAfterErrorMs, undefined, { signal: deadline });
        }
      }
    }
  };
  const started = performance.now();
  // A worker stopped by the deadline rejects with its reason; the rows it held stay unanswered.
  await Promise.allSettled(Array.from({ length: workers }, (_, index) => worker(index)));
  return { completed, runMs: performance.now() - started };
}

const cold = await runPool(reviewTasks(rows));
const warm = repeat ? await runPool(reviewTasks(rows, { first: rows })) : undefined;
sendReport<SideReport>({ completed: cold.completed, failed: 0, runMs: cold.runMs, warmRunMs: warm?.runMs });
