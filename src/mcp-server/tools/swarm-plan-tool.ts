import { planRequestShape } from '../../api-requests/plan-request-schema.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { RunTool } from '../mcp-tool.ts';

/** `swarm_plan`: a plan run, as a task; what `swarm plan run` (a plan, or `--goal`) does. */
export const swarmPlanTool: RunTool = {
  name: 'swarm_plan',
  title: 'Run a Swarm plan',
  description:
    'Run a plan: a DAG of tasks, each started as soon as the tasks it depends on are done, their results passed on ({tasks.<id>} or {tasks.<id>.<field>} in a description). Give `plan` ({ tasks: [{ id, description, dependsOn?, model? or agent?, schema? }] }) or `goal` (a planner writes the DAG). The whole plan is checked before any task runs; a failed task skips its dependents. Calling it again with the same plan resumes it (completed tasks are not run again). Returns { id, completed, failed, skipped, pending, tasks: { <id>: { status, result?, error? } } }.',
  inputSchema: planRequestShape,
  kind: 'plan',
  request(args) {
    // As swarm_run takes no command: an agent runs shell commands with its own shell tool, under its host's permissions.
    const tasks = (args.plan as { tasks?: unknown } | undefined)?.tasks;
    const withCommand = Array.isArray(tasks) ? tasks.find((task) => (task as { command?: unknown } | null)?.command !== undefined) : undefined;
    if (withCommand !== undefined) {
      throw new InvalidInputError(`task ${JSON.stringify((withCommand as { id?: unknown }).id)} runs a shell command: swarm_plan runs model and agent tasks only; run commands with your own shell tool`);
    }
    return args;
  },
};
