/**
 * Child process: the coordinator of the distributed benchmarks, as a user would write it: a store,
 * a table loaded from a JSONL file, one pass with `batchSize: 1`, run in this process (`local`) or
 * on `swarm worker` processes through Redis (`bullmq`, the workers started by the parent).
 */
import { bullmqBackend } from 'swarm/distributed';
import { openSwarm } from 'swarm';
import { classificationTask } from '../pass/classification-task.ts';
import { childArguments, sendReport } from '../support/child-report.ts';
import type { CoordinatorArguments, CoordinatorReport } from './distributed-arguments.ts';

const { mode, redis, prefix, storeDir, inputFile, rows, model, concurrency, env, durationMs } = childArguments<CoordinatorArguments>();
const backend = mode === 'bullmq' ? bullmqBackend({ redis: redis!, prefix }) : undefined;
await backend?.connect();
const swarm = openSwarm({ dir: storeDir, env, config: { aliases: {}, providers: {}, prices: {} }, backend });
const table = await swarm.create({ file: inputFile });
const started = performance.now();
const result = await swarm.run(table.id, {
  ...classificationTask,
  model,
  batchSize: 1,
  concurrency,
  ...(durationMs === undefined ? {} : { abortSignal: AbortSignal.timeout(durationMs) }),
});
const passMs = performance.now() - started;
swarm.close();
await backend?.close();
if (durationMs === undefined && result.completed !== rows) throw new Error(`expected ${rows} rows completed, got ${result.completed} (failed ${result.failed})`);
const stopped = result.stopped === undefined ? undefined : `${result.stopped.reason}: ${result.stopped.message}`;
sendReport<CoordinatorReport>({ completed: result.completed, failed: result.failed, passMs, stopped });
