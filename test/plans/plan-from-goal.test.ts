// A plan made from a goal (the planner on the orchestrator model), then run: through the library's
// plan() and runPlan, and through `swarm plan run --goal`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';

describe('a plan from a goal', () => {
  it('plan() makes a DAG with fan-out and fan-in, and runPlan completes it', async () => {
    const { swarm } = tempSwarm();
    const plan = await swarm.plan('Research the state of the art in solid-state batteries', { model: 'mock' });
    expect(plan).toMatchObject({ goal: 'Research the state of the art in solid-state batteries', strategy: 'research' });
    const dependents = new Map<string, number>();
    for (const task of plan.tasks) for (const upstream of task.dependsOn ?? []) dependents.set(upstream, (dependents.get(upstream) ?? 0) + 1);
    expect(Math.max(...dependents.values())).toBeGreaterThan(1);
    expect(Math.max(...plan.tasks.map((task) => task.dependsOn?.length ?? 0))).toBeGreaterThan(1);
    // The planner's plans adapt: on mock, the orchestrator adds follow-ups, within the run's bound.
    expect(plan.adapt).toBe(true);
    const result = await swarm.runPlan(plan, { model: 'mock' });
    const total = Object.keys(result.tasks).length;
    expect(total).toBeGreaterThan(plan.tasks.length);
    expect(total).toBeLessThanOrEqual(plan.tasks.length + 10);
    expect(result).toMatchObject({ completed: total, failed: 0, skipped: 0 });
    const report = await swarm.planRun(result.id);
    expect(report.tasks.filter((task) => task.addedAfter !== undefined)).toHaveLength(total - plan.tasks.length);
  });

  it('swarm plan run --goal runs it; --dry-run shows the plan and its projection and runs nothing', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-goal-'));
    const goal = 'Compare the error handling of two modules and write a report';
    const dry = await runCli(['plan', 'run', '--goal', goal, '--model', 'mock', '--dry-run', '--json'], { cwd });
    expect(dry.code).toBe(0);
    const { plan, projection } = JSON.parse(dry.stdout) as { plan: { tasks: unknown[] }; projection: { calls: number } };
    expect(projection.calls).toBe(plan.tasks.length);
    const ran = await runCli(['plan', 'run', '--goal', goal, '--model', 'mock', '--json', '--quiet', '--no-adapt'], { cwd });
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ completed: plan.tasks.length, failed: 0 });
  }, 60_000);

  it("records the planner's calls as attempts (swarm spend sees them) and projects adaptive planning in --dry-run", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-goal-'));
    // No strategy's words: the orchestrator is asked to choose one.
    const dry = await runCli(['plan', 'run', '--goal', 'Plan a picnic for twelve friends', '--model', 'mock', '--dry-run', '--json'], { cwd });
    expect(dry.code, dry.stderr).toBe(0);
    const { plan, projection, planner } = JSON.parse(dry.stdout);
    expect(plan.adapt).toBe(true);
    expect(planner).toMatchObject({ calls: 1 });
    expect(planner.inputTokens).toBeGreaterThan(0);
    expect(projection.adaptive).toMatchObject({ model: 'mock:default', calls: plan.tasks.length + 10, maxAddedTasks: 10 });
    expect(projection.calls).toBe(plan.tasks.length);
    const spend = await runCli(['spend', '--by', 'pass', '--json'], { cwd });
    expect(JSON.parse(spend.stdout)).toEqual([expect.objectContaining({ tableId: expect.stringMatching(/^planner-[0-9a-f]{12}$/), model: 'mock:default', calls: 1 })]);
    const text = await runCli(['plan', 'run', '--goal', 'Plan a picnic for twelve friends', '--model', 'mock', '--dry-run', '--no-adapt'], { cwd });
    expect(text.stdout).not.toContain('Adaptive planning');
    expect(text.stdout).toContain('Planning this goal, so far: 2 calls');

    // Run, it adapts: the orchestrator's follow-ups are said as they are added and shown with the run.
    const ran = await runCli(['plan', 'run', '--goal', 'Plan a picnic for twelve friends', '--model', 'mock', '--json'], { cwd });
    expect(ran.code, ran.stderr).toBe(0);
    const result = JSON.parse(ran.stdout);
    const added = Object.keys(result.tasks).length - plan.tasks.length;
    expect(added).toBeGreaterThan(0);
    expect(ran.stderr).toMatch(/ {2}adapted {3}after \S+: added /);
    const shown = await runCli(['plan', 'show', result.id], { cwd });
    expect(shown.stdout.match(/added after /g)).toHaveLength(added);
  }, 90_000);
});
