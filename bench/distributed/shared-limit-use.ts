/**
 * The share of a provider's limit that 4 worker processes hold together, drawing from the one
 * limiter they share in Redis, beside 4 local processes on the same key with nothing shared (four
 * machines, each its own store: what a user would otherwise run). The provider is the simulator
 * (OpenAI dialect, limit headers on) at 1,200 requests/min enforced per second, calls ~100 ms
 * (log-normal, p90 200 ms); each side has a simulator of its own and 8,000 rows, more than it can
 * finish. Measured 20–40 s after the first request (steady state): admitted ÷ what the limit
 * admits, and 429s ÷ requests. Targets (Swarm): ≥ 95 % held, ≤ 0.5 % 429s, no row failed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RequestLogEntry } from '../../src/simulator/index.ts';
import { limitUsedPercent, measureWindow, rateLimitedPercent } from '../rate-limit/measure-window.ts';
import { reviewTasks } from '../rate-limit/review-tasks.ts';
import type { BenchContext } from '../support/bench-context.ts';
import type { Metric } from '../support/metric.ts';
import { runChild } from '../support/run-child.ts';
import { benchRedis } from './bench-redis.ts';
import type { CoordinatorArguments, CoordinatorReport } from './distributed-arguments.ts';
import { startWorkerProcesses } from './worker-processes.ts';

const requestsPerMinute = 1_200;
const processes = 4;
const rows = 8_000;
const quick = process.env.SWARM_BENCH_QUICK === '1';
const steady = quick ? { fromMs: 10_000, toMs: 20_000 } : { fromMs: 20_000, toMs: 40_000 };
const durationMs = steady.toMs + 3_000;
const apiKey = 'sk-bench-shared-limit-9e8d7c6b5a41';
const coordinatorScript = fileURLToPath(new URL('./coordinator-side.ts', import.meta.url));

interface SideResult {
  log: RequestLogEntry[];
  failed: number;
}

/** Runs both sides, one after the other, and returns their metrics. */
export async function sharedLimitUse({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const swarm = await side(workDir, profileDir, 'shared');
  const baseline = await side(workDir, profileDir, 'unshared');
  const window = ({ log }: SideResult) => measureWindow(log, log[0]!.atMs + steady.fromMs, log[0]!.atMs + steady.toMs);
  const scope = `${processes} processes, ${requestsPerMinute}/min per second, ${steady.fromMs / 1000}–${steady.toMs / 1000} s`;
  const baselineName = '4 local, unshared';
  return [
    {
      name: `limit held (${scope})`,
      unit: '%',
      swarm: limitUsedPercent(window(swarm), requestsPerMinute, steady.toMs - steady.fromMs),
      baseline: limitUsedPercent(window(baseline), requestsPerMinute, steady.toMs - steady.fromMs),
      baselineName,
      target: { on: 'swarm', atLeast: 95 },
    },
    { name: '429s / requests', unit: '%', swarm: rateLimitedPercent(window(swarm)), baseline: rateLimitedPercent(window(baseline)), baselineName, target: { on: 'swarm', atMost: 0.5 } },
    { name: 'rows failed', unit: 'rows', swarm: swarm.failed, baseline: baseline.failed, baselineName, target: { on: 'swarm', atMost: 0 } },
  ];
}

/** One side against a simulator of its own: 4 workers and a coordinator on Redis (`shared`), or 4 local coordinators. */
async function side(workDir: string, profileDir: string | undefined, kind: 'shared' | 'unshared'): Promise<SideResult> {
  const simulator = await startSimulator({ limits: { requestsPerMinute }, limitShape: 'per-second', latency: { firstTokenMs: { median: 100, p90: 200 } } });
  const env = { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: simulator.baseUrls.openai };
  const redis = kind === 'shared' ? await benchRedis() : undefined;
  try {
    const coordinator = async (index: number, mode: 'local' | 'bullmq') => {
      const inputFile = path.join(workDir, `limit-${kind}-${index}.jsonl`);
      await writeFile(inputFile, reviewTasks(rows, { first: index * rows }).map((row) => JSON.stringify(row)).join('\n'));
      const report = await runChild<CoordinatorReport>(
        coordinatorScript,
        {
          mode,
          redis: redis?.url,
          prefix: redis?.prefix,
          storeDir: path.join(workDir, `limit-${kind}-${index}-store`),
          inputFile,
          rows,
          model: 'openai:gpt-4o-mini',
          concurrency: 'auto',
          env,
          durationMs,
        } satisfies CoordinatorArguments,
        { cwd: workDir, label: `shared-limit-${kind}-${index}`, profileDir },
      );
      return report.failed;
    };
    let failed: number[];
    if (redis !== undefined) {
      const workers = await startWorkerProcesses(processes, { redis: redis.url, prefix: redis.prefix, concurrency: 64, env, cwd: workDir });
      try {
        failed = [await coordinator(0, 'bullmq')];
      } finally {
        await workers.stop();
      }
    } else failed = await Promise.all(Array.from({ length: processes }, (_, index) => coordinator(index, 'local')));
    const log = simulator.stats().perKeyModel.find((entry) => entry.apiKey === apiKey)?.log ?? [];
    if (log.length === 0) throw new Error(`the ${kind} side made no request`);
    return { log, failed: failed.reduce((sum, count) => sum + count, 0) };
  } finally {
    await simulator.close();
    await redis?.clean();
  }
}
