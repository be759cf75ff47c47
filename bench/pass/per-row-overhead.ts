/**
 * Per-row overhead of Swarm's scheduler, limiter and store with a zero-latency model. Timing each
 * row from dispatch to commit would need hooks inside the engine, so this measures it from
 * outside: both sides run the same 20k-row pass at concurrency 1, where nothing overlaps and
 * every row costs its full path, and (Swarm pass time − baseline time) ÷ rows is the overhead
 * one row adds over the hand-written loop. Three repetitions, Swarm and baseline interleaved,
 * each in a fresh process with a fresh store; the median of the three differences is reported.
 * Target: ≤ 50 µs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../support/bench-context.ts';
import { median } from '../support/median.ts';
import type { Metric } from '../support/metric.ts';
import { runChild } from '../support/run-child.ts';
import type { PassChildArguments } from './classification-task.ts';
import { writeReviewRows } from './write-review-rows.ts';

const rows = 20_000;
const repetitions = 3;
const swarmScript = fileURLToPath(new URL('./swarm-pass.ts', import.meta.url));
const baselineScript = fileURLToPath(new URL('./baseline-pool.ts', import.meta.url));

/** Runs the overhead benchmark and returns its metric. */
export async function perRowOverhead({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const inputFile = path.join(workDir, 'overhead-input.jsonl');
  await writeReviewRows(inputFile, rows);
  const swarmMicroseconds: number[] = [];
  const baselineMicroseconds: number[] = [];
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    const passArguments: PassChildArguments = { inputFile, rows, concurrency: 1, outputFile: path.join(workDir, `overhead-baseline-${repetition}.jsonl`) };
    const baseline = await runChild(baselineScript, passArguments, {
      cwd: workDir,
      label: `overhead-baseline-${repetition}`,
      profileDir,
    });
    const swarm = await runChild(swarmScript, passArguments, {
      cwd: workDir,
      env: { ...process.env, SWARM_DIR: path.join(workDir, `overhead-store-${repetition}`) },
      label: `overhead-swarm-${repetition}`,
      profileDir,
    });
    swarmMicroseconds.push((swarm.passMs * 1000) / rows);
    baselineMicroseconds.push((baseline.passMs * 1000) / rows);
  }
  const differences = swarmMicroseconds.map((swarm, index) => swarm - baselineMicroseconds[index]!);
  return [
    {
      name: `time per row (${rows / 1000}k rows, c=1, median of ${repetitions}; Δ = overhead)`,
      unit: 'µs/row',
      swarm: median(swarmMicroseconds),
      baseline: median(baselineMicroseconds),
      difference: median(differences),
      target: { on: 'difference', atMost: 50 },
    },
  ];
}
