/**
 * Child process: Swarm's side of the plan benchmark, as a library user would run the DAG:
 * `runPlan` with one command task per DAG task (or, with `functions`, a function task doing
 * nothing), in a store of its own. The makespan runs from calling `runPlan` (the plan checked,
 * its table made) until it returns, every result committed.
 */
import { openSwarm, type Plan } from '../../src/index.ts';
import { childArguments, sendReport } from '../support/child-report.ts';
import type { PlanSideArguments, PlanSideReport } from './plan-side.ts';
import { commandOf } from './synthetic-dag.ts';

const { tasks, maxWorkers, sideDir, functions = false } = childArguments<PlanSideArguments>();
const swarm = openSwarm({ dir: sideDir, cwd: sideDir, config: { aliases: {}, providers: {}, prices: {} }, env: { PATH: process.env.PATH } });
const plan: Plan = {
  tasks: tasks.map((task) => ({
    id: task.id,
    description: task.id,
    ...(functions ? { run: () => null } : { command: commandOf(task) }),
    ...(task.dependsOn.length === 0 ? {} : { dependsOn: task.dependsOn }),
  })),
};
const started = performance.now();
const result = await swarm.runPlan(plan, { maxWorkers });
const makespanMs = performance.now() - started;
swarm.close();
if (result.completed !== tasks.length) process.stderr.write(`swarm: ${result.failed} tasks failed, e.g. ${JSON.stringify(Object.values(result.tasks).find((task) => task.status === 'failed'))}\n`);
sendReport<PlanSideReport>({ makespanMs, completed: result.completed });
