/**
 * Child process: Swarm's side of the rate-limit benchmarks, as a user would write it. It opens a
 * store with the provider's key and base URL in its environment (no limits configured: Swarm
 * learns them), builds a table of review rows and runs one pass through `openai:gpt-4o-mini` (or
 * `google:gemini-2.5-flash`) with
 * `batchSize: 1` and `concurrency: 'auto'`, aborted `durationMs` after it starts when rows remain.
 * With `repeat`, a second table of fresh rows gets the same pass in the same process. With
 * `traceFile`, the limiter's state is sampled into it (see `startLimiterTrace`).
 */
import { openSwarm } from 'swarm';
import { childArguments, sendReport } from '../support/child-report.ts';
import { classificationTask } from '../pass/classification-task.ts';
import { reviewTasks } from './review-tasks.ts';
import type { SideArguments, SideReport } from './side-arguments.ts';
import { startLimiterTrace } from './start-limiter-trace.ts';

const { provider, baseUrl, apiKey, modelId, rows, durationMs, storeDir, traceFile, repeat = false, firstRow = 0 } = childArguments<SideArguments>();
const env =
  provider === 'openai'
    ? { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: baseUrl }
    : { GOOGLE_GENERATIVE_AI_API_KEY: apiKey, GOOGLE_GENERATIVE_AI_BASE_URL: baseUrl };
const swarm = openSwarm({ dir: storeDir, env, config: { aliases: {}, providers: {}, prices: {} } });
const trace = traceFile === undefined ? undefined : startLimiterTrace(swarm, traceFile);

async function runPass(first: number) {
  const table = await swarm.create({ tasks: reviewTasks(rows, { first }) });
  const started = performance.now();
  const result = await swarm.run(table.id, {
    ...classificationTask,
    model: `${provider}:${modelId}`,
    batchSize: 1,
    concurrency: 'auto',
    abortSignal: AbortSignal.timeout(durationMs),
  });
  return { ...result, runMs: performance.now() - started };
}

const cold = await runPass(firstRow);
const warm = repeat ? await runPass(firstRow + rows) : undefined;
await trace?.stop();
swarm.close();
const stopped = cold.stopped === undefined ? undefined : `${cold.stopped.reason}: ${cold.stopped.message}`;
sendReport<SideReport>({ completed: cold.completed, failed: cold.failed, stopped, runMs: cold.runMs, warmRunMs: warm?.runMs });
