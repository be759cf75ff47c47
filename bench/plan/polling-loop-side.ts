/**
 * Child process: Hivemind's executor loop, re-implemented from its description ("while not
 * scheduler.is_finished(): get ready tasks, run each in a worker (with a concurrency limit), then
 * mark_completed"), with its streaming unblocking: each pass over the loop starts every ready task a
 * free worker can take, then sleeps `pollMs` before looking again. A task becomes ready when its
 * dependencies complete, but starts only at the loop's next look.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { childArguments, sendReport } from '../support/child-report.ts';
import type { PlanSideArguments, PlanSideReport } from './plan-side.ts';
import { runCommand } from './run-command.ts';
import { commandOf } from './synthetic-dag.ts';

const { tasks, maxWorkers, pollMs = 50 } = childArguments<PlanSideArguments>();
const status = new Map(tasks.map((task) => [task.id, 'pending' as 'pending' | 'running' | 'completed']));
let running = 0;
let completed = 0;
const started = performance.now();
while (completed < tasks.length) {
  const ready = tasks.filter((task) => status.get(task.id) === 'pending' && task.dependsOn.every((id) => status.get(id) === 'completed'));
  for (const task of ready) {
    if (running >= maxWorkers) break;
    status.set(task.id, 'running');
    running++;
    void runCommand(commandOf(task)).then(() => {
      running--;
      completed++;
      status.set(task.id, 'completed');
    });
  }
  await sleep(pollMs);
}
sendReport<PlanSideReport>({ makespanMs: performance.now() - started, completed });
