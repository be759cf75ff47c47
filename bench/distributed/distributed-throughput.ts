/**
 * Rows/s through one pass at zero latency (the mock model, `batchSize: 1`, so every row is a
 * dispatch: a job, an outcome and a commit) on 1, 2 and 4 `swarm worker` processes, beside the
 * same pass run locally in the same run. Each configuration is a fresh store, coordinator process
 * and set of workers; the coordinator commits every outcome before its pass ends. The scaling
 * target (4 workers ≥ 3.2 × one worker) applies where the machine has a core for each worker and
 * the coordinator; on fewer cores the figures say what they allow.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../support/bench-context.ts';
import type { Metric } from '../support/metric.ts';
import { runChild } from '../support/run-child.ts';
import { writeReviewRows } from '../pass/write-review-rows.ts';
import { benchRedis } from './bench-redis.ts';
import type { CoordinatorArguments, CoordinatorReport } from './distributed-arguments.ts';
import { startWorkerProcesses } from './worker-processes.ts';

const rows = Number(process.env.SWARM_BENCH_DISTRIBUTED_ROWS ?? 6_000);
const workerCounts = [1, 2, 4];
const coordinatorScript = fileURLToPath(new URL('./coordinator-side.ts', import.meta.url));

/** Runs the throughput benchmark and returns its metrics. */
export async function distributedThroughput({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const inputFile = path.join(workDir, 'distributed-input.jsonl');
  await writeReviewRows(inputFile, rows);
  const redis = await benchRedis();
  const coordinator = (mode: 'local' | 'bullmq', label: string) =>
    runChild<CoordinatorReport>(
      coordinatorScript,
      { mode, redis: redis.url, prefix: redis.prefix, storeDir: path.join(workDir, `${label}-store`), inputFile, rows, model: 'mock', concurrency: 'auto', env: {} } satisfies CoordinatorArguments,
      { cwd: workDir, label, profileDir },
    );
  try {
    const local = await coordinator('local', 'distributed-local');
    const rates = new Map<number, number>();
    for (const count of workerCounts) {
      const workers = await startWorkerProcesses(count, { redis: redis.url, prefix: redis.prefix, concurrency: 64, cwd: workDir });
      try {
        const report = await coordinator('bullmq', `distributed-${count}-workers`);
        rates.set(count, (rows / report.passMs) * 1000);
      } finally {
        await workers.stop();
      }
    }
    const localRate = (rows / local.passMs) * 1000;
    const scope = `${rows / 1000}k rows, batchSize 1`;
    const coresAllow = availableParallelism() >= 5;
    return [
      ...workerCounts.map((count) => ({
        name: `rows/s, ${count} worker process${count === 1 ? '' : 'es'} (${scope})`,
        unit: 'rows/s',
        swarm: rates.get(count)!,
        baseline: localRate,
        baselineName: 'local mode',
      })),
      {
        name: `4 workers ÷ 1 worker (${availableParallelism()} cores${coresAllow ? '' : ': target needs ≥ 5'})`,
        unit: '×',
        swarm: rates.get(4)! / rates.get(1)!,
        baseline: undefined,
        baselineName: 'local mode',
        ...(coresAllow ? { target: { on: 'swarm', atLeast: 3.2 } as const } : {}),
      },
    ];
  } finally {
    await redis.clean();
  }
}
