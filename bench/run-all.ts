/**
 * `npm run bench`: runs every benchmark, each side (Swarm and the hand-written baseline) in its
 * own child process so peak memory and JIT state are per side, then prints Swarm beside the
 * baseline measured in the same run. Targets from DESIGN.md are reported, not asserted: the exit
 * code is 0 unless a benchmark crashes, or, with `--check`, a target is missed.
 *
 *   node bench/run-all.ts [--check] [--cpu-prof <dir>]
 *
 * `--cpu-prof <dir>` writes a CPU profile of every child to <dir>; read one with
 * `node bench/support/summarize-cpu-profile.ts <file>`. Timings taken while profiling are slower.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { perRowOverhead } from './pass/per-row-overhead.ts';
import { passThroughput } from './pass/pass-throughput.ts';
import type { BenchContext } from './support/bench-context.ts';
import { formatTable } from './support/format-table.ts';
import { meetsTarget, type Metric } from './support/metric.ts';

const benchmarks: Array<{ name: string; run: (context: BenchContext) => Promise<Metric[]> }> = [
  { name: 'pass throughput and memory', run: passThroughput },
  { name: 'per-row overhead', run: perRowOverhead },
];

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, 'cpu-prof': { type: 'string' } } });
const profileDir = values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']);
const workDir = await mkdtemp(path.join(os.tmpdir(), 'swarm-bench-'));
const started = performance.now();
const metrics: Metric[] = [];
try {
  for (const benchmark of benchmarks) {
    process.stderr.write(`running ${benchmark.name}…\n`);
    metrics.push(...(await benchmark.run({ workDir, profileDir })));
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nSwarm benchmarks: Node ${process.version}, ${os.availableParallelism()} × ${cpu}, zero-latency mock model, batchSize 1`);
console.log(`Baseline: a hand-written promise pool streaming the same JSONL into the same mock model, appending JSONL results.\n`);
console.log(formatTable(metrics));
console.log('\nnot measured yet: cached re-run (Swarm has no cache yet), rate-limit, kill -9, DAG and distributed targets');
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (profileDir !== undefined) console.log(`CPU profiles in ${profileDir} (timings above include profiling overhead)`);

const missed = metrics.filter((metric) => meetsTarget(metric) === false);
if (missed.length > 0) console.log(`targets missed: ${missed.map((metric) => metric.name).join('; ')}`);
if (values.check && missed.length > 0) process.exitCode = 1;
