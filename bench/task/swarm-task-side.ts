/**
 * Child process: Swarm's side of the generation-makespan benchmark, as a user would run the task
 * file (what `swarm run task.yaml` does, without the progress display): the provider's key and
 * base URL in the environment, no limits configured, `workers: auto`. The makespan runs from
 * loading the task file until `runTask` returns, its output file complete; the tail from the last
 * seed's first dispatch until then.
 */
import { loadTaskFile } from '../../src/task/index.ts';
import { runTask } from '../../src/task/run-task.ts';
import { childArguments, sendReport } from '../support/child-report.ts';
import type { MakespanSideArguments, MakespanSideReport } from './makespan-side.ts';

const { baseUrl, apiKey, taskFile, sideDir } = childArguments<MakespanSideArguments>();
const env = { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: baseUrl };
const config = { aliases: {}, providers: {}, prices: {} };

const started = performance.now();
const task = loadTaskFile(taskFile, { config, env });
let lastDispatchMs = started;
const result = await runTask(task, {
  dir: sideDir,
  config,
  env,
  onStart: (context) =>
    context.events.subscribe((event) => {
      if (event.type === 'dispatch-start' && event.attempt === 1) lastDispatchMs = performance.now();
    }),
});
const endedMs = performance.now();
if (result.pass.failed > 0) process.stderr.write(`swarm: ${result.pass.failed} seeds failed, first: ${result.pass.failures[0]?.error}\n`);
const { user, system } = process.cpuUsage();
sendReport<MakespanSideReport>({
  makespanMs: endedMs - started,
  tailMs: endedMs - lastDispatchMs,
  cpuMs: (user + system) / 1000,
  outputFiles: [result.outputFile],
});
