/**
 * How close Swarm's plans come to the critical path: a seeded synthetic DAG of 200 command tasks
 * (10 layers of 20; each task depends on one to three of the layer before, a third of them also on
 * an earlier layer; each sleeps 0.4–1.6 s) run by `runPlan`, beside agentops' wave barrier and
 * Hivemind's polling loop re-implemented (see `wave-barrier-side.ts`, `polling-loop-side.ts`), each
 * side in its own process, at most 64 tasks in flight everywhere (more than the DAG ever has ready).
 * No schedule can end before the critical path (the longest chain of sleeps); the target is 1.1×.
 * The sleeps are long enough that starting processes does not bind: on a busy 2-core machine
 * `spawn` holds the main thread 10–20 ms per `sh`, and with 100–400 ms sleeps 200 tasks needed more
 * spawns a second than one thread makes, on every side (Swarm 1.85×, waves 2.0×, polling 2.3×).
 * Then the cost per task at zero duration: the same DAG of `true` commands, one task at a time,
 * whose time per task is the spawn of `sh` plus each side's own bookkeeping (Swarm's: the task's
 * pass, its state and events committed to the store); and Swarm's own cost with no process at all
 * (function tasks doing nothing).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../support/bench-context.ts';
import type { Metric } from '../support/metric.ts';
import { runChild } from '../support/run-child.ts';
import type { PlanSideArguments, PlanSideReport } from './plan-side.ts';
import { criticalPathMs, syntheticDag, type DagTask } from './synthetic-dag.ts';

const dag = { layers: 10, width: 20, minMs: 400, maxMs: 1600, seed: 20_251_205 };
const maxWorkers = 64;
const pollMs = 50;

type Side = 'swarm' | 'waves' | 'polling';
const scripts: Record<Side, string> = {
  swarm: fileURLToPath(new URL('./swarm-plan-side.ts', import.meta.url)),
  waves: fileURLToPath(new URL('./wave-barrier-side.ts', import.meta.url)),
  polling: fileURLToPath(new URL('./polling-loop-side.ts', import.meta.url)),
};
const baselineNames: Record<Exclude<Side, 'swarm'>, string> = { waves: 'agentops wave barrier', polling: `Hivemind polling loop (${pollMs} ms)` };

/** Runs the plan benchmark and returns its metrics. */
export async function planMakespan({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const folder = path.join(workDir, 'plan');
  await mkdir(folder, { recursive: true });
  const tasks = syntheticDag(dag);
  const zero = syntheticDag({ ...dag, minMs: 0, maxMs: 0 });
  const criticalMs = criticalPathMs(tasks);
  const run = (side: Side, label: string, sideTasks: DagTask[], workers: number, extra: Partial<PlanSideArguments> = {}) =>
    runSide(side, { label, folder, profileDir, arguments: { tasks: sideTasks, maxWorkers: workers, sideDir: path.join(folder, `${side}-${label}`), pollMs, ...extra } });

  const makespans = { swarm: await run('swarm', 'dag', tasks, maxWorkers), waves: await run('waves', 'dag', tasks, maxWorkers), polling: await run('polling', 'dag', tasks, maxWorkers) };
  const serial = { swarm: await run('swarm', 'zero', zero, 1), waves: await run('waves', 'zero', zero, 1), polling: await run('polling', 'zero', zero, 1) };
  const functions = await run('swarm', 'functions', zero, 1, { functions: true });
  process.stderr.write(`plan: critical path ${(criticalMs / 1000).toFixed(2)} s over ${tasks.length} tasks (sum of all sleeps ${(tasks.reduce((sum, task) => sum + task.durationMs, 0) / 1000).toFixed(1)} s)\n`);

  const metrics: Metric[] = [];
  for (const baseline of ['waves', 'polling'] as const) {
    const baselineName = baselineNames[baseline];
    metrics.push(
      { name: `makespan, ${tasks.length} tasks (critical path ${(criticalMs / 1000).toFixed(2)} s)`, unit: 's', baselineName, swarm: makespans.swarm / 1000, baseline: makespans[baseline] / 1000 },
      { name: 'makespan ÷ critical path', unit: '×', baselineName, swarm: makespans.swarm / criticalMs, baseline: makespans[baseline] / criticalMs, target: { on: 'swarm', atMost: 1.1 } },
      { name: 'per task at zero duration (`true`, one at a time)', unit: 'ms', baselineName, swarm: serial.swarm / zero.length, baseline: serial[baseline] / zero.length },
      { name: 'per task, function tasks doing nothing (no process)', unit: 'ms', baselineName, swarm: functions / zero.length, baseline: undefined },
    );
  }
  return metrics;
}

/** Runs one side in its own process; throws unless it completed every task. Resolves with its makespan in ms. */
async function runSide(
  side: Side,
  { label, folder, profileDir, arguments: sideArguments }: { label: string; folder: string; profileDir: string | undefined; arguments: PlanSideArguments },
): Promise<number> {
  const report = await runChild<PlanSideReport>(scripts[side], sideArguments, { cwd: folder, label: `plan-${label}-${side}`, profileDir });
  if (report.completed !== sideArguments.tasks.length) throw new Error(`${side} completed ${report.completed} of ${sideArguments.tasks.length} tasks in the plan benchmark (${label})`);
  return report.makespanMs;
}
