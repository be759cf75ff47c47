/**
 * What Swarm adds to each step of an agent loop: 200 agent rows of 3 tool steps (4 model calls
 * each, with the answer) on the zero-latency mock model, beside the bare AI SDK tool loop with the
 * same tool, model and concurrency. Both are CPU-bound in one thread, so (Swarm − baseline) ÷
 * steps is the time each step costs more. Three repetitions, interleaved, each side in a fresh
 * process; the median of the differences is reported. Target: ≤ 1.5 ms per step.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../support/bench-context.ts';
import { median } from '../support/median.ts';
import type { Metric } from '../support/metric.ts';
import { runChild } from '../support/run-child.ts';
import { toolSteps, writeAgentRows, type AgentChildArguments } from './agent-task.ts';

const rows = 200;
const concurrency = 16;
const repetitions = 3;
const swarmScript = fileURLToPath(new URL('./swarm-agent.ts', import.meta.url));
const baselineScript = fileURLToPath(new URL('./baseline-tool-loop.ts', import.meta.url));

/** Runs the agent-steps benchmark and returns its metrics. */
export async function agentStepOverhead({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const steps = rows * (toolSteps + 1);
  const swarmMs: number[] = [];
  const baselineMs: number[] = [];
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    const folder = path.join(workDir, `agent-${repetition}`);
    writeAgentRows(folder, rows);
    const childArguments: AgentChildArguments = { folder, rows, concurrency };
    const baseline = await runChild(baselineScript, childArguments, { cwd: folder, label: `agent-baseline-${repetition}`, profileDir });
    const swarm = await runChild(swarmScript, childArguments, { cwd: folder, label: `agent-swarm-${repetition}`, profileDir });
    baselineMs.push(baseline.passMs);
    swarmMs.push(swarm.passMs);
  }
  const perStep = (ms: number) => ms / steps;
  return [
    {
      name: `time per agent step (${rows} rows × ${toolSteps + 1} steps, c=${concurrency}, median of ${repetitions}; Δ = overhead)`,
      unit: 'ms/step',
      swarm: median(swarmMs.map(perStep)),
      baseline: median(baselineMs.map(perStep)),
      difference: median(swarmMs.map((ms, index) => perStep(ms - baselineMs[index]!))),
      target: { on: 'difference', atMost: 1.5 },
    },
  ];
}
