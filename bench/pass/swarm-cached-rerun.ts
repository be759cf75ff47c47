/**
 * Child process: a cached re-run. It runs the pass once over a table built from the JSONL file,
 * then builds a second table from the same file and runs the same pass again, timed as
 * `passMs`: every request is identical, so every answer must come from the response cache, with
 * 0 provider calls (checked). The store lives in `SWARM_DIR`, set by the parent.
 */
import { create, run } from 'swarm';
import { childArguments, sendReport } from '../support/child-report.ts';
import { classificationTask, type PassChildArguments } from './classification-task.ts';

/** What the cached re-run child reports. */
export interface CachedRerunReport {
  rows: number;
  passMs: number;
  calls: number;
}

const { inputFile, rows, concurrency } = childArguments<PassChildArguments>();
const options = { ...classificationTask, batchSize: 1, model: 'mock', concurrency } as const;

const first = await create({ file: inputFile });
await run(first.id, options);
const again = await create({ file: inputFile });
const passStart = performance.now();
const result = await run(again.id, options);
const passMs = performance.now() - passStart;

if (result.completed !== rows || result.usage.calls !== 0) {
  throw new Error(`expected ${rows} rows answered from the cache with 0 calls; got ${result.completed} rows and ${result.usage.calls} calls`);
}
sendReport<CachedRerunReport>({ rows, passMs, calls: result.usage.calls });
