import { Command, Option } from 'commander';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { NotFoundError } from '../../errors/not-found-error.ts';
import { loadPlanFile } from '../../plan/load-plan-file.ts';
import { agentSkills } from '../../agents/agent-skills.ts';
import type { PlanRequest } from '../../api-requests/plan-request-schema.ts';
import type { DaemonClient } from '../../daemon-client/daemon-client.ts';
import { runPlanThroughDaemon } from '../../daemon-client/run-plan-through-daemon.ts';
import { callsModels } from '../../plan/calls-models.ts';
import { daemonForStore } from '../daemon-for-store.ts';
import { planForGoal } from '../../planner/plan-for-goal.ts';
import { describePlanProjection } from '../describe-plan-projection.ts';
import { loadWaveFile } from '../../plan/load-wave-file.ts';
import type { Plan } from '../../plan/plan.ts';
import { planRunReport } from '../../run-plan/plan-run-report.ts';
import { planDefaults } from '../../run-plan/run-plan-options.ts';
import type { TaskCheck } from '../../plan/plan-problems.ts';
import { planEngine, routingOf } from '../../run-plan/run-plan.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openExistingStore } from '../open-cli-store.ts';
import { backendOption, redisOption } from '../backend-options.ts';
import { openCliBackend } from '../open-cli-backend.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { describePlanRun } from '../plan/describe-plan-run.ts';
import { planDryRun } from '../plan/plan-dry-run.ts';
import { runPlanAction } from '../plan/run-plan-action.ts';

interface PlanRunFlags {
  goal?: string;
  memory?: boolean;
  dryRun?: boolean;
  fromWave?: string;
  agent?: string;
  command?: string;
  model?: string;
  maxWorkers?: number;
  waves?: boolean;
  timeoutMs?: number;
  route?: boolean;
  adapt?: boolean;
  json?: boolean;
  quiet?: boolean;
  backend?: 'local' | 'bullmq';
  redis?: string;
}

/** `swarm plan run` and `swarm plan show`: plans, DAGs of tasks. */
export function planCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('plan')
    .description('run a plan: a DAG of tasks (model calls, agents, shell commands), each started as soon as the tasks it depends on are done')
    .addCommand(planRunCommand(io, setExitCode))
    .addCommand(planShowCommand(io, setExitCode))
    .addHelpText(
      'after',
      `
Examples:
  swarm plan run plan.yaml
  swarm plan run --from-wave wave.json --agent fixer
  swarm plan show plan-3f9a1c2b4d5e

See docs/plans.md for the plan file.`,
    );
}

function planRunCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('run')
    .description(
      'run a plan file (YAML or JSON), or an agentops wave; the whole plan is checked first (cycles, unknown dependencies, placeholders, agents, models); running the same plan again resumes it: completed tasks are not run again',
    )
    .argument('[file]', 'the plan file (tasks: id, description, dependsOn, and agent, model, command …)')
    .option('--goal <text>', 'make the plan from a goal instead of a file: the orchestrator model (--model) writes a DAG with fan-out and fan-in (research, code analysis, data science, document or experiment strategy), checked before it runs')
    .option('--dry-run', 'print the plan and its projected calls, tokens and cost (with what adaptive planning may add at most, and what planning the goal spent), and run nothing')
    .option('--memory', "offer each model or agent task the store's findings most relevant to it (from earlier tasks and runs, searched by full text), and keep its result as one")
    .option('--from-wave <file>', "an agentops wave JSON (ol hero hunt output) instead of a plan file: its wave entries run first in priority order, blocked ones after their blocked_by, completed ones count as done; give --agent or --command")
    .option('--agent <type>', 'with --from-wave: each entry is an agent task of this subagent type')
    .option('--command <line>', 'with --from-wave: each entry runs this shell command line; it may use {id}, {title}, {spec_path}, {description} and the entry\'s other fields, each one shell-quoted word, and gets its upstream results as JSON on stdin')
    .option('-m, --model <spec>', 'the model of model tasks that name none, and of agents whose type names none (default: SWARM_MODEL, then swarm.config.yaml)')
    .addOption(new Option('--max-workers <n>', 'tasks in flight at most (default: model tasks as their limiter allows, 16 agent tasks, one command task per CPU)').argParser(parseWholeNumber))
    .option('--waves', "agentops' waves: a ready task waits until every task of the running wave has ended (default: it starts at once)")
    .option('--route', "model routing: a task naming no model goes to the fast alias when simple, to quality when complex (a word such as analyze or compare, 3 or more upstream tasks, or a long description); swarm plan show says where each went (default: the plan's route:, else off)")
    .option(
      '--adapt',
      `adaptive planning: after a task completes, the orchestrator model (--model) may add follow-up tasks, at most ${planDefaults.maxAdded} after one task and ${planDefaults.maxAddedTasks} in the run, each checked like the plan and recorded with the run (default: the plan's adapt:, which plans made from --goal set)`,
    )
    .option('--no-adapt', 'no adaptive planning, even for a plan that asks for it')
    .addOption(new Option('--timeout-ms <n>', `a task running longer fails, unless it sets its own timeoutMs (default: ${planDefaults.timeoutMs})`).argParser(parseWholeNumber))
    .addOption(backendOption('model, agent and command tasks (function tasks, which a plan file cannot hold, stay here)'))
    .addOption(redisOption())
    .option('--json', 'print the result as JSON on stdout: { id, completed, failed, skipped, pending, tasks: { <id>: { status, result, error } } }')
    .option('-q, --quiet', 'no progress and no summary (errors still go to stderr)')
    .addHelpText(
      'after',
      `
Exit codes: 0 every task completed, 1 some task failed or was skipped, 2 the plan is invalid or already running elsewhere (nothing ran), 4 the daemon it ran in stopped (it resumes there), 130 interrupted (run again to resume).

While a daemon runs for the store (swarm start), a plan with a model or agent task (or a --goal) runs there, under its limiters; SWARM_DAEMON=off keeps it here.

Examples:
  swarm plan run plan.yaml
  swarm plan run plan.yaml --json --max-workers 8 --model mock
  swarm plan run --from-wave wave.json --agent fixer
  swarm plan run --from-wave wave.json --command 'claude -p {description}' --waves
  swarm plan run --goal "Compare the error handling of src/a.ts and src/b.ts" --model mock --dry-run
  swarm plan run plan.yaml --route --adapt
  swarm plan run plan.yaml --backend bullmq --redis redis://10.0.0.5:6379
`,
    )
    .action(async (file: string | undefined, flags: PlanRunFlags, command: Command) => {
      const sources = [file, flags.fromWave, flags.goal].filter((source) => source !== undefined).length;
      if (sources !== 1) throw new InvalidInputError('plan run needs a plan file, --goal TEXT or --from-wave FILE (one of them)');
      if (flags.fromWave !== undefined && (flags.agent === undefined) === (flags.command === undefined)) {
        throw new InvalidInputError('--from-wave needs --agent TYPE or --command LINE (one of them): how each entry is done');
      }
      if (flags.fromWave === undefined && (flags.agent !== undefined || flags.command !== undefined)) {
        throw new InvalidInputError('--agent and --command go with --from-wave; a plan file says how each task is done');
      }
      const backend = flags.dryRun ? undefined : await openCliBackend(io, flags);
      const swarm = openCliSwarm(io, command, backend);
      try {
        // The bus and critics are on, as in runPlan; memory, routing and adaptive planning on request.
        const options = {
          model: flags.model,
          maxWorkers: flags.maxWorkers,
          waves: flags.waves,
          timeoutMs: flags.timeoutMs,
          memory: flags.memory === true,
          ...(flags.route === undefined ? {} : { route: flags.route }),
          ...(flags.adapt === undefined ? {} : { adapt: flags.adapt }),
        };
        // A plan that calls models goes through the store's daemon when one runs, under its limiters
        // (a goal is planned there too); a plan of commands calls none, and runs here; on the
        // bullmq backend, this process coordinates the workers.
        const daemon = flags.dryRun || backend !== undefined ? undefined : daemonForStore(io, swarm.dir);
        const throughDaemon = (daemonClient: DaemonClient, request: PlanRequest) => (abortSignal: AbortSignal) =>
          runPlanThroughDaemon(daemonClient, { plan: request }, { events: swarm.context.events, limiters: new Map() }, { abortSignal });
        if (daemon !== undefined && flags.goal !== undefined) {
          setExitCode(await runPlanAction(swarm, io, flags, throughDaemon(daemon, { goal: flags.goal, ...options })));
          return;
        }
        // The plan is checked against this store's agent types and models, with lines in the file.
        // Routed (by --route, or the plan's route:), a task that names no model is checked with the model it is routed to.
        const engines = new Map<string, ReturnType<typeof planEngine>>();
        const checkTask: TaskCheck = (task, plan) => {
          const routing = routingOf(flags.route === true ? true : plan.route);
          const key = JSON.stringify(routing ?? null);
          if (!engines.has(key)) engines.set(key, planEngine(swarm.context, flags.model, routing));
          return engines.get(key)!.checkTask(task, plan);
        };
        const plan: Plan =
          flags.goal !== undefined
            ? await planForGoal(swarm.context, flags.goal, { model: flags.model, agents: agentSkills(swarm.context) })
            : flags.fromWave !== undefined
              ? loadWaveFile(flags.fromWave, flags.agent !== undefined ? { agent: flags.agent } : { command: flags.command! }, { cwd: io.cwd, checkTask })
              : loadPlanFile(file!, { cwd: io.cwd, checkTask });
        if (flags.dryRun) {
          const { projection, planner } = planDryRun(swarm.context, plan, { model: flags.model, route: flags.route, adapt: flags.adapt, goal: flags.goal });
          io.stdout.write(flags.json ? `${JSON.stringify({ plan, projection, ...(planner === undefined ? {} : { planner }) })}\n` : describePlanProjection(plan, projection, planner));
          setExitCode(exitCodes.ok);
          return;
        }
        // A plan that adapts calls the orchestrator model, whatever its tasks are.
        const adapting = (flags.adapt ?? plan.adapt ?? false) !== false;
        const run =
          daemon !== undefined && (callsModels(plan) || adapting)
            ? throughDaemon(daemon, { plan: plan as unknown as Record<string, unknown>, ...options })
            : (abortSignal: AbortSignal) => swarm.runPlan(plan, { ...options, abortSignal });
        const code = await runPlanAction(swarm, io, { json: flags.json, quiet: flags.quiet }, run);
        setExitCode(code);
      } finally {
        swarm.close();
        await backend?.close();
      }
    });
}

function planShowCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('show')
    .description('show a plan run: its graph, each task with its status, kind, duration, the tasks it depends on, and why it failed or was skipped')
    .argument('<id>', 'the plan run id (plan-…), as `swarm plan run` prints it')
    .option('--json', 'print it as JSON (results included)')
    .addHelpText('after', '\nExample:\n  swarm plan show plan-3f9a1c2b4d5e\n')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const store = openExistingStore(io, command);
      if (store === undefined) throw new NotFoundError('plan run', id, 'The store has no plan runs yet; start one with `swarm plan run plan.yaml`');
      try {
        const report = planRunReport(store, id);
        io.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : describePlanRun(report));
        setExitCode(exitCodes.ok);
      } finally {
        store.close();
      }
    });
}
