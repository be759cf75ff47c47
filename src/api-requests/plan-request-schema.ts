import { z } from 'zod';

/** `swarm plan run`'s inputs as JSON: a plan, or a goal to make one from, and the run's options. */
export const planRequestShape = {
  plan: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('A plan as in a plan file: { name?, tasks: [{ id, description, dependsOn?, model? | agent? | command?, schema?, retries?, timeoutMs?, if?, critic? }] }. Give this or goal.'),
  goal: z.string().min(1).optional().describe('Make the plan from this goal instead (the orchestrator model writes a DAG with fan-out and fan-in), as swarm plan run --goal does.'),
  model: z.string().min(1).optional().describe('The model of model tasks that name none, of agents whose type names none, and of the planner; default SWARM_MODEL, then swarm.config.yaml.'),
  maxWorkers: z.number().int().min(1).optional().describe('Tasks in flight at most (default: model tasks as their limiter allows, 16 agent tasks, one command task per CPU).'),
  waves: z.boolean().optional().describe("agentops' waves: a ready task waits until every task of the running wave has ended (default false)."),
  timeoutMs: z.number().int().min(1).optional().describe('A task running longer fails, unless it sets its own timeoutMs (default 1800000).'),
  memory: z.boolean().optional().describe("Offer each model or agent task the store's findings most relevant to it, and keep its result as one (default false)."),
  route: z
    .union([z.boolean(), z.strictObject({ fast: z.string().min(1).optional(), quality: z.string().min(1).optional() })])
    .optional()
    .describe("Model routing: tasks naming no model go to the fast alias when simple, quality when complex (default: the plan's route, else false)."),
  adapt: z
    .union([z.boolean(), z.strictObject({ maxAdded: z.number().int().min(0).optional(), maxAddedTasks: z.number().int().min(0).optional() })])
    .optional()
    .describe("Adaptive planning: the orchestrator may add follow-up tasks as tasks complete, at most maxAdded (3) after one and maxAddedTasks (10) in the run (default: the plan's adapt, which plans made from a goal set)."),
};

/** A plan run, as JSON: exactly one of `plan` and `goal`. */
export const planRequestSchema = z
  .strictObject(planRequestShape)
  .refine((request) => (request.plan === undefined) !== (request.goal === undefined), { message: 'give exactly one of plan (a plan document) and goal (to make one from)' });

/** The JSON form of a plan run. */
export type PlanRequest = z.infer<typeof planRequestSchema>;
