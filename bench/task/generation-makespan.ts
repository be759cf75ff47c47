/**
 * How long a 10,000-seed generation job takes from a task file (`task_type: generation`,
 * single-turn, `openai:gpt-4o-mini`, `workers: auto`), beside DeepSwarm's recipe for the same file
 * (see `deepswarm-slices.ts`). Each side runs in its own process, one after the other, against its
 * own provider simulator (OpenAI dialect, loopback, in this process; the same random seed, so the
 * n-th call either side makes draws the same latency).
 *
 * The numbers, and why:
 * - Latency: time to first token log-normal, median 15 ms, p90 25 ms; 10 % of calls 10× slower
 *   (~150 ms). A mean call is then ~31 ms, half of it spent in the slow tenth. Answers are a few
 *   tokens, so generation time is negligible. (A 20 ms median puts the whole group at ~85 s.)
 * - 60,000 requests/min, with headers. The simulator's bucket starts full, so 10,001 requests never
 *   empty it: neither side is held back by the limit (the 429 line shows it).
 * - DeepSwarm's calibration call is its process's first, so it times a cold start (connection,
 *   JIT, a busy CPU) on top of a fast draw: 60–310 ms seen. Its formula gives min(8, floor(1,000/s ÷ 0.1 s)) = 8
 *   workers (the cap binds for any call under 125 s), a 15–80 ms stagger and a fixed slice of
 *   1,250 seeds per worker, called in turn: ~45–50 s. Swarm takes ~8–16 s; with the seeds written
 *   and processes started the group takes about a minute.
 * Makespans run from reading the task file until every answer is written; rows/s is 10,000 over the
 * makespan. The tail is how long capacity sat idle at the end: Swarm's from the last seed's first
 * dispatch, DeepSwarm's from its first worker finishing its slice, both to the makespan's end.
 * Client CPU time is the child's own, start-up included. Swarm keeps hundreds of calls in flight,
 * so its makespan follows the CPU its process gets: on a 2-core machine shared with other work it
 * ranged 8–16 s, while the recipe's, bound by latency, barely moved. Both outputs must hold
 * exactly one line per seed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type SimulatorStats } from '../../src/simulator/index.ts';
import type { BenchContext } from '../support/bench-context.ts';
import type { Metric } from '../support/metric.ts';
import { runChild } from '../support/run-child.ts';
import { countAnsweredSeeds } from './count-answered-seeds.ts';
import type { MakespanSideArguments, MakespanSideReport } from './makespan-side.ts';
import { writeSeeds } from './write-seeds.ts';

const seeds = 10_000;
const requestsPerMinute = 60_000;
const latency = { firstTokenMs: { median: 15, p90: 25 }, slowFraction: 0.1, slowFactor: 10 };
const apiKey = 'sk-bench-task-makespan-7e6d5c4b3a29';
const modelId = 'gpt-4o-mini';

const taskYaml = `task_type: generation
prompt_template: |
  Write a four-line poem about {{seed}}.
worker_model: openai:${modelId}
seeds_file: seeds.jsonl
workers: auto
output_dir: swarm-output/
output_format: jsonl
`;

type Side = 'swarm' | 'deepswarm';
const scripts: Record<Side, string> = {
  swarm: fileURLToPath(new URL('./swarm-task-side.ts', import.meta.url)),
  deepswarm: fileURLToPath(new URL('./deepswarm-slices.ts', import.meta.url)),
};

/** Runs the generation-makespan benchmark and returns its metrics. */
export async function generationMakespan({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const folder = path.join(workDir, 'task-generation');
  await mkdir(folder, { recursive: true });
  await writeSeeds(path.join(folder, 'seeds.jsonl'), seeds);
  const taskFile = path.join(folder, 'task.yaml');
  await writeFile(taskFile, taskYaml);

  const swarm = await runSide('swarm', { folder, taskFile, profileDir });
  const deepswarm = await runSide('deepswarm', { folder, taskFile, profileDir });
  const plan = deepswarm.report.plan!;
  const ends = plan.workerEndsMs.map((ms) => ms / 1000);
  process.stderr.write(
    `DeepSwarm: calibration call ${plan.calibrationMs.toFixed(1)} ms → ${plan.workers} workers, ${plan.staggerMs.toFixed(1)} ms stagger, ` +
      `${plan.batchSize} seeds each; workers ended ${Math.min(...ends).toFixed(1)}–${Math.max(...ends).toFixed(1)} s\n`,
  );

  const baselineName = `DeepSwarm recipe (${plan.workers} workers)`;
  const both = (name: string, unit: string, of: (run: SideRun) => number): Metric => ({ name, unit, baselineName, swarm: of(swarm), baseline: of(deepswarm) });
  return [
    both(`makespan, ${seeds.toLocaleString('en-US')} seeds`, 's', (run) => run.report.makespanMs / 1000),
    both('rows/s over the makespan', 'rows/s', (run) => seeds / (run.report.makespanMs / 1000)),
    both('tail: first idle worker → last answer', 's', (run) => run.report.tailMs / 1000),
    both('requests the simulator received', 'requests', (run) => run.stats.total.received),
    both('429s', 'requests', (run) => run.stats.total.rateLimited),
    both('calls in flight, most at once', 'calls', (run) => run.stats.total.maxInFlight),
    both('client CPU time (process start-up included)', 's', (run) => run.report.cpuMs / 1000),
    both('seeds answered in the output file(s)', 'rows', (run) => run.answered),
  ];
}

interface SideRun {
  report: MakespanSideReport;
  stats: SimulatorStats;
  answered: number;
}

/** Runs one side in its own process against its own simulator; throws unless its output answers every seed exactly once. */
async function runSide(side: Side, { folder, taskFile, profileDir }: { folder: string; taskFile: string; profileDir: string | undefined }): Promise<SideRun> {
  // A minute-sized bucket: this benchmark is about scheduling, with a limit that never binds.
  const simulator = await startSimulator({ limits: { requestsPerMinute }, limitShape: 'per-minute', latency });
  try {
    const sideDir = path.join(folder, side);
    await mkdir(sideDir, { recursive: true });
    const sideArguments: MakespanSideArguments = { baseUrl: simulator.baseUrls.openai, apiKey, modelId, taskFile, sideDir, requestsPerMinute };
    const report = await runChild<MakespanSideReport>(scripts[side], sideArguments, { cwd: folder, label: `task-makespan-${side}`, profileDir });
    const { lines, distinctIds } = await countAnsweredSeeds(report.outputFiles);
    if (lines !== seeds || distinctIds !== seeds) {
      throw new Error(`${side} wrote ${lines} lines answering ${distinctIds} distinct seeds of ${seeds} in the generation-makespan benchmark`);
    }
    return { report, stats: simulator.stats(), answered: distinctIds };
  } finally {
    await simulator.close();
  }
}
