import { Command, Option } from 'commander';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { replayPlan } from '../../run-plan/replay-plan.ts';
import type { CliIo } from '../cli-io.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { runPlanAction } from '../plan/run-plan-action.ts';

interface ReplayFlags {
  from?: string;
  model?: string;
  maxWorkers?: number;
  json?: boolean;
  quiet?: boolean;
}

/** `swarm replay ID`: a plan run again from its recorded answers, or forked from a task with another model. */
export function replayCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('replay')
    .description(
      'run a recorded plan run again as a new run, from its recorded model answers and tool results: no provider call is made, no tool or command runs again; with --from TASK, that task and everything downstream of it run again for real (with --model M): a fork',
    )
    .argument('<id>', 'the plan run to replay (plan-…)')
    .option('--from <task>', 'fork: this task and every task that depends on it run again for real; the others are replayed')
    .option('-m, --model <spec>', 'with --from: the model the model and agent tasks that run again use (default: the ones the run used)')
    .addOption(new Option('--max-workers <n>', 'tasks in flight at most').argParser(parseWholeNumber))
    .option('--json', 'print the new run\'s result as JSON on stdout (as `swarm plan run --json` does)')
    .option('-q, --quiet', 'no progress and no summary')
    .addHelpText(
      'after',
      `
Examples:
  swarm replay plan-3f9a1c2b4d5e
  swarm replay plan-3f9a1c2b4d5e --from summarize --model openai:gpt-4o
`,
    )
    .action(async (id: string, flags: ReplayFlags, command: Command) => {
      if (flags.model !== undefined && flags.from === undefined) throw new InvalidInputError('--model goes with --from: a replay makes no call; a fork from a task re-runs it with another model');
      const swarm = openCliSwarm(io, command);
      try {
        setExitCode(
          await runPlanAction(swarm, io, { json: flags.json, quiet: flags.quiet }, (abortSignal) =>
            replayPlan(swarm.context, id, { from: flags.from, model: flags.model, maxWorkers: flags.maxWorkers, abortSignal }),
          ),
        );
      } finally {
        swarm.close();
      }
    });
}
