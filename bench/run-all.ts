/**
 * `npm run bench`: runs every benchmark, each side (Swarm and the hand-written baselines) in its
 * own child process so peak memory and JIT state are per side, then prints one table per group,
 * Swarm beside the baselines measured in the same run. Targets from DESIGN.md are reported, not
 * asserted: the exit code is 0 unless a benchmark crashes, or, with `--check`, a target is missed.
 *
 *   node bench/run-all.ts [--only <group or benchmark>] [--check] [--cpu-prof <dir>] [--trace <dir>]
 *
 * Groups: `pass` (benchmarks `throughput`, `overhead`; ~20 s), `rate-limit` (`limit-use`:
 * limit use, 429s, halving, limits enforced per second then per minute, ~4½ min waiting on the
 * clock; `pacing`: the pacing matrix, see `rate-limit/pacing-matrix.ts`, ~9 min; `thirty-tasks`:
 * ~20 s) and `task`
 * (`generation-makespan`: a 10,000-seed task file beside DeepSwarm's recipe, ~65 s), `plan`
 * (`plan-makespan`: a 200-task DAG beside agentops' waves and Hivemind's polling loop, ~70 s), `agent`
 * (`agent-steps`: Swarm's cost per agent step beside the bare AI SDK tool loop, ~10 s), `daemon`
 * (`swarm-bench`: `swarm bench --tasks 10|30|50` through a warm daemon, ~40 s; `enqueue`: enqueue
 * latency and time to first result over HTTP, ~30 s) and `distributed` (`worker-throughput`:
 * rows/s on 1, 2 and 4 `swarm worker` processes beside local mode, ~1 min; `limit-share`: the share
 * of a simulated limit 4 workers hold together, ~2 min; needs Redis, started when 127.0.0.1:6379
 * does not answer; `SWARM_BENCH_QUICK=1` shortens `limit-share` to 10–20 s). `--only` takes a
 * group or one benchmark's name.
 * `--cpu-prof <dir>` writes a CPU profile of every child to <dir>; read one with
 * `node bench/support/summarize-cpu-profile.ts <file>`. Timings taken while profiling are slower.
 * `--trace <dir>` makes Swarm's rate-limit children write their limiter's state there, every
 * 100 ms, as JSONL (see `rate-limit/start-limiter-trace.ts`).
 * One pacing case alone, against the current Swarm: `node bench/rate-limit/pacing-case.ts --help`
 * (e.g. `--rpm 600 --shape per-second --headers off --rows 360 --timeline`).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { agentStepOverhead } from './agent/agent-step-overhead.ts';
import { enqueueAndFirstResult } from './daemon/enqueue-and-first-result.ts';
import { swarmBenchTasks } from './daemon/swarm-bench-tasks.ts';
import { perRowOverhead } from './pass/per-row-overhead.ts';
import { pacingMatrix } from './rate-limit/pacing-matrix.ts';
import { passThroughput } from './pass/pass-throughput.ts';
import { planMakespan } from './plan/plan-makespan.ts';
import { rateLimitUsage } from './rate-limit/rate-limit-usage.ts';
import { thirtyTasks } from './rate-limit/thirty-tasks.ts';
import { generationMakespan } from './task/generation-makespan.ts';
import { distributedThroughput } from './distributed/distributed-throughput.ts';
import { sharedLimitUse } from './distributed/shared-limit-use.ts';
import type { BenchContext } from './support/bench-context.ts';
import { formatComparisonTable } from './support/format-comparison-table.ts';
import { formatTable } from './support/format-table.ts';
import { meetsTarget, type Metric } from './support/metric.ts';

interface Benchmark {
  name: string;
  run: (context: BenchContext) => Promise<Metric[]>;
}

/** Benchmarks that share conditions and baselines, printed as one table under a description of both. */
interface BenchmarkGroup {
  name: string;
  about: string[];
  benchmarks: Benchmark[];
}

const groups: BenchmarkGroup[] = [
  {
    name: 'pass',
    about: [
      'zero-latency mock model, batchSize 1.',
      'Baseline: a hand-written promise pool streaming the same JSONL into the same mock model, appending JSONL results.',
    ],
    benchmarks: [
      { name: 'throughput', run: passThroughput },
      { name: 'overhead', run: perRowOverhead },
    ],
  },
  {
    name: 'rate-limit',
    about: [
      'provider simulator on loopback, one per client. limit-use: 1,200 requests/min, calls ~100 ms (log-normal, p90 200 ms);',
      'OpenAI dialect, the limit enforced per second (a bucket of limit/60 refilled continuously) and per minute (a bucket of',
      'the whole minute), with limit headers or stating no limit (no headers, bare 429s with retry-after), and Gemini dialect',
      '(fixed windows, no headers). pacing: 600 and 60/min with calls 200–400 ms (360 and 90 rows), 30,000/min with calls 1–2 s',
      '(5,000 rows), two `swarm run` processes on one key at 120/min; both shapes, headers on and off (see pacing-matrix.ts).',
      'Use: admitted / what the bucket could admit over the run; n/a when every row fits in the bucket at the start.',
      'Swarm: openai:gpt-4o-mini or google:gemini-2.5-flash, batchSize 1, concurrency auto. Baselines call the same AI SDK',
      "provider's doGenerate with the same prompt and schema, each in its own process:",
      'DeepSwarm pool: 16 workers started call time / workers × 2 apart (12.5 ms; 62.5 ms at 500 ms calls), 1 s sleep after',
      'any error, then retry.',
      'cookbook loop: 16 workers; any 429 pauses all of them for 15 s; 5 attempts per row.',
    ],
    benchmarks: [
      { name: 'limit-use', run: rateLimitUsage },
      { name: 'pacing', run: pacingMatrix },
      { name: 'thirty-tasks', run: thirtyTasks },
    ],
  },
  {
    name: 'agent',
    about: [
      'zero-latency mock model; 200 rows, each an agent loop reading three small notes with read_file (one step each), then answering.',
      'Swarm: a subagent type with read_file, concurrency 16 (limiter, budget, attempts and transcript in the store, answers validated).',
      'Baseline: a promise pool of 16 running the bare AI SDK generateText tool loop, same tool, model and JSON answer, nothing stored.',
    ],
    benchmarks: [{ name: 'agent-steps', run: agentStepOverhead }],
  },
  {
    name: 'daemon',
    about: [
      'swarm-bench: `swarm bench --tasks N` through a warm daemon (`swarm start`), each call 500 ms on the provider simulator',
      "(OpenAI dialect, no binding limit), median of 3, beside node-scaling's published figures (its README, Gemini Flash, warm daemon).",
      'enqueue: a warm daemon and the mock model: 1,000 one-prompt POST /parallel timed to their headers, beside GET /health;',
      'time to first result of a one-prompt fan-out, beside `swarm parallel` in a new process without a daemon.',
    ],
    benchmarks: [
      { name: 'swarm-bench', run: swarmBenchTasks },
      { name: 'enqueue', run: enqueueAndFirstResult },
    ],
  },
  {
    name: 'task',
    about: [
      '10,000 JSONL seeds, one task file (task_type generation, single-turn, openai:gpt-4o-mini, workers auto); provider simulator',
      'on loopback, one per side, 60,000 requests/min (never binding), first token ~15 ms (log-normal, p90 25 ms), 10 % of calls 10× slower.',
      'Swarm: runTask on the task file. Baseline: DeepSwarm recipe: one calibration call, workers min(8, floor(limit / call time)),',
      "stagger call time / workers × 2, a fixed slice of seeds per worker called in turn through @ai-sdk/openai's doGenerate.",
    ],
    benchmarks: [{ name: 'generation-makespan', run: generationMakespan }],
  },
  {
    name: 'plan',
    about: [
      'a seeded synthetic DAG of 200 command tasks: 10 layers of 20, each task depending on 1–3 of the layer before (a third also',
      'on an earlier layer), each `sleep` 0.4–1.6 s; at most 64 tasks in flight on every side (more than are ever ready).',
      'Swarm: runPlan, each task a one-row command pass, every state committed. Baselines, in the same run: agentops wave barrier',
      "(spawn every task whose blockers are done, wait for all of them, repeat) and Hivemind's executor loop (start the ready",
      'tasks, sleep 50 ms, look again), both spawning `sh -c` directly and keeping nothing. Zero duration: the same DAG of `true`,',
      'one task at a time (spawn + bookkeeping per task); function tasks: Swarm alone, no process.',
    ],
    benchmarks: [{ name: 'plan-makespan', run: planMakespan }],
  },
  {
    name: 'distributed',
    about: [
      'Redis on loopback; `swarm worker` processes (64 dispatches at once each) and a coordinator process running the pass on them.',
      'worker-throughput: 6,000 rows, zero-latency mock model, batchSize 1 (every row a job, an outcome and a commit), on 1, 2 and 4 workers;',
      'baseline: the same pass in local mode in the same run. The 4 ÷ 1 scaling target needs a core per worker and one for the coordinator.',
      'limit-share: simulator (OpenAI dialect, headers on) at 1,200 requests/min enforced per second, calls ~100 ms (p90 200 ms);',
      'Swarm: 4 workers sharing one limit in Redis; baseline: 4 local `run` processes on the same key, nothing shared. Measured 20–40 s in.',
    ],
    benchmarks: [
      { name: 'worker-throughput', run: distributedThroughput },
      { name: 'limit-share', run: sharedLimitUse },
    ],
  },
];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    check: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    trace: { type: 'string' },
  },
});
const selected = selectBenchmarks(values.only);
const profileDir = values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']);
const traceDir = values.trace === undefined ? undefined : path.resolve(values.trace);
if (traceDir !== undefined) await mkdir(traceDir, { recursive: true });
const workDir = await mkdtemp(path.join(os.tmpdir(), 'swarm-bench-'));
const started = performance.now();
const results: Array<{ group: BenchmarkGroup; metrics: Metric[] }> = [];
try {
  for (const { group, benchmarks } of selected) {
    const metrics: Metric[] = [];
    for (const benchmark of benchmarks) {
      process.stderr.write(`running ${group.name}/${benchmark.name}…\n`);
      metrics.push(...(await benchmark.run({ workDir, profileDir, traceDir })));
    }
    results.push({ group, metrics });
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nSwarm benchmarks: Node ${process.version}, ${os.availableParallelism()} × ${cpu}`);
for (const { group, metrics } of results) {
  console.log(`\n${group.name}: ${group.about.join('\n')}\n`);
  console.log(metrics.some((metric) => metric.baselineName !== undefined) ? formatComparisonTable(metrics) : formatTable(metrics));
}
console.log('\nnot measured here: kill -9 (see test/durability and test/distributed)');
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (profileDir !== undefined) console.log(`CPU profiles in ${profileDir} (timings above include profiling overhead)`);
if (traceDir !== undefined) console.log(`limiter traces in ${traceDir}`);

const missed = [...new Set(results.flatMap(({ metrics }) => metrics.filter((metric) => meetsTarget(metric) === false).map((metric) => metric.name)))];
if (missed.length > 0) console.log(`targets missed: ${missed.join('; ')}`);
if (values.check && missed.length > 0) process.exitCode = 1;

/** The groups and benchmarks `--only` names: a whole group, or one benchmark of one. */
function selectBenchmarks(only: string | undefined): Array<{ group: BenchmarkGroup; benchmarks: Benchmark[] }> {
  if (only === undefined) return groups.map((group) => ({ group, benchmarks: group.benchmarks }));
  const group = groups.find((candidate) => candidate.name === only);
  if (group !== undefined) return [{ group, benchmarks: group.benchmarks }];
  for (const candidate of groups) {
    const benchmark = candidate.benchmarks.find(({ name }) => name === only);
    if (benchmark !== undefined) return [{ group: candidate, benchmarks: [benchmark] }];
  }
  const names = groups.flatMap((candidate) => [candidate.name, ...candidate.benchmarks.map(({ name }) => name)]);
  console.error(`--only ${only}: no such group or benchmark; choose one of ${names.join(', ')}`);
  process.exit(2);
}
