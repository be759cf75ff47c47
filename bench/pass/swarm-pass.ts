/**
 * Child process: the Swarm side of the pass benchmarks, written as a user would write it with the
 * public API. It builds a table from the JSONL file (`create({ file })`, timed as `createMs`),
 * then runs one pass over it with `batchSize: 1` on the zero-latency `mock` model (timed as
 * `passMs`: planning, dispatch, validation and the group-committed SQLite writes, until `run()`
 * resolves with every result durable). The store lives in `SWARM_DIR`, set by the parent.
 */
import { create, run } from 'swarm';
import { childArguments, sendReport } from '../support/child-report.ts';
import { startEventLoopDelayMonitor } from '../support/event-loop-delay.ts';
import { startMemorySampler } from '../support/memory-sampler.ts';
import { classificationTask, type PassChildArguments } from './classification-task.ts';

const { inputFile, rows, concurrency } = childArguments<PassChildArguments>();
const sampler = startMemorySampler();

const createStart = performance.now();
const table = await create({ file: inputFile });
const stallMonitor = await startEventLoopDelayMonitor();
const passStart = performance.now();
const result = await run(table.id, { ...classificationTask, batchSize: 1, model: 'mock', concurrency });
const passEnd = performance.now();
const longestStallMs = await stallMonitor.stop();

if (table.count !== rows || result.completed !== rows || result.failed !== 0) {
  throw new Error(`expected ${rows} rows completed; table has ${table.count}, pass completed ${result.completed}, failed ${result.failed}`);
}
sendReport({ rows, createMs: passStart - createStart, passMs: passEnd - passStart, memory: sampler.stop(), longestStallMs });
