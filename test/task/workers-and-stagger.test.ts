import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { jsonResult, numberedSeeds, removeTaskWorkspaces, runSwarm, taskWorkspace } from './support/task-workspace.ts';

const simulators: Simulator[] = [];
afterAll(async () => {
  await Promise.all(simulators.map((simulator) => simulator.close()));
  removeTaskWorkspaces();
});

/** Runs a translation task with `settings` added against a fresh simulator; returns the simulator. */
async function runAgainstSimulator(settings: string, { seeds, latencyMs }: { seeds: number; latencyMs: number }): Promise<Simulator> {
  const simulator = await startSimulator({ latency: { firstTokenMs: latencyMs } });
  simulators.push(simulator);
  const task = `task_type: translation\nprompt_template: "Translate: {{seed}}"\nworker_model: openai:gpt-4o-mini\nseeds_file: seeds.jsonl\n${settings}`;
  const cwd = taskWorkspace({ 'task.yaml': task, 'seeds.jsonl': numberedSeeds(seeds) });
  const outcome = await runSwarm(['run', 'task.yaml', '--json', '--quiet'], {
    cwd,
    env: { OPENAI_API_KEY: 'sk-sim-stagger-0123456789', OPENAI_BASE_URL: `${simulator.url}/v1` },
  });
  expect(outcome.stderr).toBe('');
  expect(jsonResult(outcome)).toMatchObject({ completed: seeds, failed: 0 });
  return simulator;
}

describe("DeepSwarm's workers and stagger", () => {
  it('workers: 2 keeps at most two calls in flight', async () => {
    const simulator = await runAgainstSimulator('workers: 2\n', { seeds: 8, latencyMs: 30 });
    expect(simulator.stats().total.received).toBe(8);
    expect(simulator.stats().total.maxInFlight).toBe(2);
  });

  it('stagger: 0.1 starts calls at least 0.1 s apart', async () => {
    const simulator = await runAgainstSimulator('stagger: 0.1\n', { seeds: 5, latencyMs: 0 });
    const starts = simulator.stats().perKeyModel[0]!.log.map((entry) => entry.atMs);
    expect(starts).toHaveLength(5);
    const gaps = starts.slice(1).map((start, index) => start - starts[index]!);
    // Swarm spaces the calls as it sends them; the simulator logs them as they arrive, and a
    // first call that opens the connection arrives later than the ones after it (CI saw 86 ms and
    // 388 ms for four gaps). So: the three gaps after the first make 300 ms, give or take a loaded
    // machine's delays, and no gap is close to none.
    expect(starts.at(-1)! - starts[1]!).toBeGreaterThanOrEqual(3 * 100 - 30);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(60);
  });
});
