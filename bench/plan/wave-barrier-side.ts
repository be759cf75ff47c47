/**
 * Child process: agentops' way of running the same DAG, re-implemented: find the wave (every
 * pending task whose blockers are all completed), spawn all of it (at most `maxWorkers` at once),
 * wait for every task of the wave to end, then find the next wave. A task that became ready early
 * in a wave waits for the wave's slowest task.
 */
import { childArguments, sendReport } from '../support/child-report.ts';
import type { PlanSideArguments, PlanSideReport } from './plan-side.ts';
import { runCommand } from './run-command.ts';
import { commandOf } from './synthetic-dag.ts';

const { tasks, maxWorkers } = childArguments<PlanSideArguments>();
const done = new Set<string>();
const started = performance.now();
let completed = 0;
while (done.size < tasks.length) {
  const wave = tasks.filter((task) => !done.has(task.id) && task.dependsOn.every((id) => done.has(id)));
  let next = 0;
  const worker = async () => {
    while (next < wave.length) {
      const task = wave[next++]!;
      if ((await runCommand(commandOf(task))) === 0) completed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxWorkers, wave.length) }, worker));
  for (const task of wave) done.add(task.id);
}
sendReport<PlanSideReport>({ makespanMs: performance.now() - started, completed });
