/**
 * `swarm bench --tasks 10|30|50` through a warm daemon, each call 500 ms (the provider simulator,
 * OpenAI dialect, no binding limit), beside node-scaling's published 700 / 1,000 / 1,450 ms (its
 * README: a warm daemon with Gemini Flash). Swarm's figure is the total `swarm bench` prints
 * (first prompt sent to last answer), median of three; the daemon is warmed first with one run of
 * 50 tasks, as node-scaling's workers are warm. The first run on a fresh daemon and key is
 * reported on its own, without a target: Swarm sends one call first on a key it knows nothing of,
 * then doubles per round trip.
 */
import path from 'node:path';
import { startSimulator } from '../../src/simulator/index.ts';
import { nodeScalingPublishedMs, type BenchReport } from '../../src/cli/commands/bench-command.ts';
import type { BenchContext } from '../support/bench-context.ts';
import { median } from '../support/median.ts';
import type { Metric } from '../support/metric.ts';
import { startBenchDaemon, swarmCli } from './bench-daemon.ts';

const callMs = 500;
const repetitions = 3;

/** Runs `swarm bench` at 10, 30 and 50 tasks through a daemon. */
export async function swarmBenchTasks({ workDir }: BenchContext): Promise<Metric[]> {
  const simulator = await startSimulator({ latency: { firstTokenMs: callMs } });
  const cwd = path.join(workDir, 'daemon-swarm-bench');
  const env = { OPENAI_API_KEY: 'sk-bench-daemon-0123456789abcdef', OPENAI_BASE_URL: simulator.baseUrls.openai };
  const daemon = await startBenchDaemon(cwd, env);
  const bench = async (tasks: number): Promise<BenchReport> => {
    const run = await swarmCli(['bench', '--tasks', String(tasks), '-m', 'openai:gpt-4o-mini', '--json'], { cwd, env });
    const report = JSON.parse(run.stdout) as BenchReport;
    if (report.through !== 'daemon' || report.done !== tasks) throw new Error(`swarm bench --tasks ${tasks}: ${run.stdout}${run.stderr}`);
    return report;
  };
  try {
    const firstEver = await bench(10);
    await bench(50);
    const metrics: Metric[] = [{ name: 'swarm bench --tasks 10, first run on a fresh daemon and key', unit: 'ms', swarm: firstEver.totalMs, baseline: nodeScalingPublishedMs[10], baselineName: 'node-scaling (published)' }];
    for (const tasks of [10, 30, 50]) {
      const times: number[] = [];
      for (let repetition = 0; repetition < repetitions; repetition++) times.push((await bench(tasks)).totalMs);
      const published = nodeScalingPublishedMs[tasks]!;
      metrics.push({ name: `swarm bench --tasks ${tasks}, warm daemon`, unit: 'ms', swarm: median(times), baseline: published, baselineName: 'node-scaling (published)', target: { on: 'swarm', atMost: published } });
    }
    return metrics;
  } finally {
    await daemon.stop();
    await simulator.close();
  }
}
