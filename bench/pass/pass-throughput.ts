/**
 * Throughput and memory of one 100k-row pass, `batchSize: 1`, 64 calls in flight, on the
 * zero-latency mock model, against the hand-written promise pool doing the same work in its own
 * process (see `swarm-pass.ts` and `baseline-pool.ts`). It reports:
 * - rows/s through the pass: rows ÷ pass time (Swarm: `run()` only; the baseline reads its input
 *   as it goes). Target: Swarm ≥ 20,000 rows/s.
 * - rows/s including Swarm's `create()`, which loads the JSONL into the store first.
 * - time per row and its difference, (Swarm time − baseline time) ÷ rows: the per-row overhead at
 *   this concurrency, where Swarm's work and the pool's overlap on one event loop.
 * - peak RSS of each process (kernel maxRSS, create and pass together). Target: Swarm ≤ 150 MB
 *   above the baseline. Sampled RSS and heap peaks are shown beside it; the sampler is a timer,
 *   so it sees nothing while the loop is stalled.
 * - the longest event-loop stall during the pass: a pass that never yields holds every result
 *   in memory until it ends, and shows no progress meanwhile.
 * - a cached re-run (`swarm-cached-rerun.ts`): the same pass over a second table with the same
 *   rows, answered from the response cache with 0 provider calls. Target ≥ 50,000 rows/s.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../support/bench-context.ts';
import type { Metric } from '../support/metric.ts';
import { runChild } from '../support/run-child.ts';
import type { PassChildArguments } from './classification-task.ts';
import { writeReviewRows } from './write-review-rows.ts';

const rows = 100_000;
const concurrency = 64;
const swarmScript = fileURLToPath(new URL('./swarm-pass.ts', import.meta.url));
const baselineScript = fileURLToPath(new URL('./baseline-pool.ts', import.meta.url));
const cachedRerunScript = fileURLToPath(new URL('./swarm-cached-rerun.ts', import.meta.url));
const megabyte = 1024 * 1024;

/** Runs the throughput benchmark and returns its metrics. */
export async function passThroughput({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const inputFile = path.join(workDir, 'throughput-input.jsonl');
  await writeReviewRows(inputFile, rows);
  const passArguments: PassChildArguments = { inputFile, rows, concurrency, outputFile: path.join(workDir, 'throughput-baseline-output.jsonl') };
  const baseline = await runChild(baselineScript, passArguments, {
    cwd: workDir,
    label: 'throughput-baseline',
    profileDir,
  });
  const swarm = await runChild(swarmScript, passArguments, {
    cwd: workDir,
    env: { ...process.env, SWARM_DIR: path.join(workDir, 'throughput-store') },
    label: 'throughput-swarm',
    profileDir,
  });
  const cached = await runChild(cachedRerunScript, passArguments, {
    cwd: workDir,
    env: { ...process.env, SWARM_DIR: path.join(workDir, 'cached-rerun-store') },
    label: 'cached-rerun-swarm',
    profileDir,
  });

  const scope = `${rows / 1000}k rows, c=${concurrency}`;
  return [
    { name: `pass rows/s (${scope})`, unit: 'rows/s', swarm: (rows / swarm.passMs) * 1000, baseline: (rows / baseline.passMs) * 1000, target: { on: 'swarm', atLeast: 20_000 } },
    { name: 'create + pass rows/s', unit: 'rows/s', swarm: (rows / (swarm.createMs + swarm.passMs)) * 1000, baseline: (rows / baseline.passMs) * 1000 },
    { name: 'create (load JSONL into store)', unit: 's', swarm: swarm.createMs / 1000, baseline: undefined },
    { name: 'pass time per row (Δ = overhead)', unit: 'µs/row', swarm: (swarm.passMs * 1000) / rows, baseline: (baseline.passMs * 1000) / rows },
    { name: 'peak RSS (maxRSS)', unit: 'MB', swarm: swarm.memory.maxRssBytes / megabyte, baseline: baseline.memory.maxRssBytes / megabyte, target: { on: 'difference', atMost: 150 } },
    { name: 'peak RSS (sampled)', unit: 'MB', swarm: swarm.memory.sampledRssBytes / megabyte, baseline: baseline.memory.sampledRssBytes / megabyte },
    { name: 'peak heap used (sampled)', unit: 'MB', swarm: swarm.memory.sampledHeapBytes / megabyte, baseline: baseline.memory.sampledHeapBytes / megabyte },
    { name: 'longest event-loop stall in pass', unit: 'ms', swarm: swarm.longestStallMs, baseline: baseline.longestStallMs },
    // The baseline has no cache: it calls the model again, so its uncached rate is the comparison.
    { name: `cached re-run rows/s (${scope}, 0 calls)`, unit: 'rows/s', swarm: (rows / cached.passMs) * 1000, baseline: (rows / baseline.passMs) * 1000, target: { on: 'swarm', atLeast: 50_000 } },
  ];
}
