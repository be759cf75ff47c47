import { Command, Option } from 'commander';
import { chooseModelSpec } from '../../model/choose-model-spec.ts';
import type { Plan, PlanResult } from '../../plan/plan.ts';
import { projectPlan } from '../../planner/project-plan.ts';
import { researchPlan } from '../../research/research-plan.ts';
import { runPlan as runPlanOn } from '../../run-plan/run-plan.ts';
import type { Swarm } from '../../swarm/open-swarm.ts';
import type { CliIo } from '../cli-io.ts';
import { describePlanProjection } from '../describe-plan-projection.ts';
import { exitCodes } from '../exit-codes.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { untilInterrupted } from '../until-interrupted.ts';
import { daemonForStore } from '../daemon-for-store.ts';
import { runPlanThroughDaemon } from '../../daemon-client/run-plan-through-daemon.ts';

/** Runs a plan on a Swarm, its tasks' default model `model`: the plan runner's `runPlan`, as `swarm research` calls it. */
export type PlanRunner = (swarm: Swarm, plan: Plan, options: { model: string; abortSignal: AbortSignal }) => Promise<PlanResult>;

// As `swarm plan run`: a plan with a task that did not complete exits 1.
const incompleteExitCode = 1;

/**
 * `swarm research A B --topic T`: node-scaling's research (per subject search → fetch → analyze,
 * then a synthesis citing its sources) built by `researchPlan` and run by `runPlan`; `--dry-run`
 * prints the plan and its projected calls and cost.
 */
export function researchCommand(io: CliIo, setExitCode: (code: number) => void, { runPlan = runOnSwarm }: { runPlan?: PlanRunner } = {}): Command {
  return new Command('research')
    .description("research subjects on a topic, as node-scaling does: per subject search → fetch → analyze, side by side, then one report that cites its sources; through the daemon when one runs")
    .argument('<subjects...>', 'what to research, e.g. OpenAI Anthropic')
    .requiredOption('--topic <text>', 'what to research them on, e.g. "AI safety"')
    .option('--model <spec>', 'the model of every task (default: $SWARM_MODEL, then model: in swarm.config.yaml); openai-responses:, anthropic: and google: models search with their own web search')
    .addOption(new Option('--search <how>', "provider: the model's own web search; fetch: fetch a search engine's results page (default: provider when the model has one)").choices(['provider', 'fetch']))
    .addOption(new Option('--sources <n>', 'sources to find per subject').argParser(parseWholeNumber).default(4))
    .option('--dry-run', 'print the plan and its projected calls, tokens and cost, and call nothing')
    .option('--json', 'print the plan run as JSON ({ id, completed, failed, skipped, tasks }); with --dry-run, { plan, projection }')
    .addHelpText('after', '\nExamples:\n  swarm research OpenAI Anthropic Mistral --topic "AI products and pricing" --model anthropic:claude-sonnet-4-5\n  swarm research OpenAI --topic "AI safety" --model mock --dry-run\n')
    .action(async (subjects: string[], flags: { topic: string; model?: string; search?: 'provider' | 'fetch'; sources: number; dryRun?: boolean; json?: boolean }, command: Command) => {
      const swarm = openCliSwarm(io, command);
      try {
        const { config, env } = swarm.context;
        const model = chooseModelSpec(flags.model, { config, env });
        const plan = researchPlan(subjects, flags.topic, { model, search: flags.search, sourcesPerSubject: flags.sources, config, env });
        if (flags.dryRun) {
          const projection = projectPlan(plan, { model, config, env });
          io.stdout.write(flags.json ? `${JSON.stringify({ plan, projection })}\n` : describePlanProjection(plan, projection));
          setExitCode(exitCodes.ok);
          return;
        }
        // Research calls models: it goes through the store's daemon when one runs, under its limiters.
        const daemon = daemonForStore(io, swarm.dir);
        const research = { subjects, topic: flags.topic, model, ...(flags.search === undefined ? {} : { search: flags.search }), sourcesPerSubject: flags.sources };
        const run = await untilInterrupted((abortSignal) =>
          daemon === undefined
            ? runPlan(swarm, plan, { model, abortSignal })
            : runPlanThroughDaemon(daemon, { research }, { events: swarm.context.events, limiters: new Map() }, { abortSignal }),
        );
        if (run.interrupted) {
          setExitCode(exitCodes.interrupted);
          return;
        }
        const result = run.value;
        io.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : describeResearch(result));
        setExitCode(result.failed === 0 && result.skipped === 0 && result.completed === plan.tasks.length ? exitCodes.ok : incompleteExitCode);
      } finally {
        swarm.close();
      }
    });
}

/** The report with its numbered sources, then any task that did not complete. */
function describeResearch(result: PlanResult): string {
  const synthesis = result.tasks.synthesize;
  const report = synthesis?.status === 'completed' ? (synthesis.result as { report?: unknown; sources?: unknown } | undefined) : undefined;
  let text = '';
  if (report !== undefined && typeof report.report === 'string') {
    text += `${report.report.trim()}\n`;
    const sources = Array.isArray(report.sources) ? (report.sources as { number?: unknown; url?: unknown; title?: unknown }[]) : [];
    if (sources.length > 0) text += `\nSources:\n${sources.map((source, index) => `[${typeof source.number === 'number' ? source.number : index + 1}] ${String(source.title ?? '')} ${String(source.url ?? '')}`.trimEnd()).join('\n')}\n`;
  }
  const unfinished = Object.entries(result.tasks).filter(([, task]) => task.status !== 'completed');
  if (unfinished.length > 0) text += `${text === '' ? '' : '\n'}${unfinished.map(([id, task]) => `${id}: ${task.status}${task.error === undefined ? '' : ` (${task.error})`}`).join('\n')}\n`;
  return text === '' ? 'The research produced no report.\n' : text;
}

/** The plan runner on the Swarm's own engine. */
const runOnSwarm: PlanRunner = (swarm, plan, options) => runPlanOn(swarm.context, plan, options);
