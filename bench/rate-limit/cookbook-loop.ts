/**
 * Child process: the OpenAI cookbook recipe (`api_request_parallel_processor.py`), the second
 * baseline of the rate-limit benchmarks. Calls go out from 16 workers, as in the DeepSwarm pool,
 * so the two baselines differ only in how they treat a 429: here any 429 pauses every worker
 * until 15 s after it (the script's `seconds_to_pause_after_rate_limit_error`), and the call is
 * retried, at most 5 attempts per row (its `max_attempts`) before the row is given up. Other
 * errors are retried at once within the same attempt budget. It never reads headers or
 * `retry-after`. With `repeat`, the loop runs a second time over fresh rows in the same process.
 */
import { APICallError } from '@ai-sdk/provider';
import { setTimeout as sleep } from 'node:timers/promises';
import { childArguments, sendReport } from '../support/child-report.ts';
import { baselineModel, classifyReview } from './classify-review.ts';
import { reviewTasks } from './review-tasks.ts';
import type { SideArguments, SideReport } from './side-arguments.ts';

const workers = 16;
const pauseAfterRateLimitMs = 15_000;
const maxAttempts = 5;

const { provider, baseUrl, apiKey, modelId, rows, durationMs, repeat = false } = childArguments<SideArguments>();
const model = baselineModel({ provider, apiKey, baseUrl, modelId });

/** Runs the loop over `tasks` until every row is answered or given up, or `durationMs` has passed. */
async function runLoop(tasks: Array<{ id: string; text: string }>) {
  const deadline = AbortSignal.timeout(durationMs);
  let next = 0;
  let completed = 0;
  let failed = 0;
  let pausedUntil = 0;
  const worker = async () => {
    for (let row = tasks[next++]; row !== undefined; row = tasks[next++]) {
      for (let attempt = 1; ; attempt++) {
        // Another 429 may push the pause further while this worker waits.
        while (Date.now() < pausedUntil) await sleep(pausedUntil - Date.now(), undefined, { signal: deadline });
        try {
          await classifyReview(model, row, deadline);
          completed++;
          break;
        } catch (error) {
          if (deadline.aborted) return;
          if (APICallError.isInstance(error) && error.statusCode === 429) pausedUntil = Date.now() + pauseAfterRateLimitMs;
          if (attempt >= maxAttempts) {
            failed++;
            break;
          }
        }
      }
    }
  };
  const started = performance.now();
  // A worker stopped by the deadline rejects with its reason; the rows it held stay unanswered.
  await Promise.allSettled(Array.from({ length: workers }, worker));
  return { completed, failed, runMs: performance.now() - started };
}

const cold = await runLoop(reviewTasks(rows));
const warm = repeat ? await runLoop(reviewTasks(rows, { first: rows })) : undefined;
sendReport<SideReport>({ completed: cold.completed, failed: cold.failed, runMs: cold.runMs, warmRunMs: warm?.runMs });
