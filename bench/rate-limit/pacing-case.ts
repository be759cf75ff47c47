/**
 * One rate-limit pacing case, run alone: for iterating on the limiter. Starts a provider
 * simulator (OpenAI dialect) with one request limit, runs the current Swarm against it in a child
 * process (a pass of `--rows` review rows, `batchSize: 1`, `concurrency: 'auto'`, limits learned,
 * none configured), and prints how it paced: share of the limit used, 429s over the whole run and
 * in steady state, rows failed, wall time.
 *
 *   node bench/rate-limit/pacing-case.ts --rpm 600 --shape per-second --headers off --rows 360 --latency 200-400
 *
 *   --rpm <n>              requests per minute (default 600)
 *   --shape <s>            per-second (default: a bucket of rpm/60, at least 1, refilled at rpm/60 a
 *                          second) or per-minute (a bucket holding the whole minute)
 *   --headers on|off       on (default): limit headers and 429s stating the limit; off: an
 *                          OpenAI-compatible server that states no limit (429s with a bare message)
 *   --retry-after on|off   with --headers off, whether 429s keep retry-after (default on)
 *   --rows <n>             rows in the pass (default 360)
 *   --latency <ms>         call time: 300, or 200-400 for a log-normal with those 10th and 90th
 *                          percentiles (default 200-400)
 *   --side <s>             swarm (default), deepswarm or cookbook: the baselines of `npm run bench`
 *   --duration-s <n>       stop the client this long after it starts (default 2 × the ideal run + 60 s)
 *   --timeline             also print, per second, requests sent, admitted and refused
 *   --trace <file>         Swarm only: write its limiter's state there every 100 ms (JSONL)
 *
 * Use is measured over the span from the first request to the last admitted one, against what the
 * bucket could admit in it (its start plus its refill); steady state starts 10 s in, or when the
 * client first emptied the bucket if later, and its use is against what the bucket held then plus
 * its refill. Targets (DESIGN.md): ≥ 95 % of the limit used; 429s
 * ≤ 0.5 % in steady state and ≤ 1 % over a whole 360-row run; 0 rows failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatPacingRun, formatTimeline } from './format-pacing-run.ts';
import { parseLatency, runPacingCase, type PacingCase } from './run-pacing-case.ts';
import type { Side } from './run-side.ts';

const { values } = parseArgs({
  options: {
    rpm: { type: 'string', default: '600' },
    shape: { type: 'string', default: 'per-second' },
    headers: { type: 'string', default: 'on' },
    'retry-after': { type: 'string', default: 'on' },
    rows: { type: 'string', default: '360' },
    latency: { type: 'string', default: '200-400' },
    side: { type: 'string', default: 'swarm' },
    'duration-s': { type: 'string' },
    timeline: { type: 'boolean', default: false },
    trace: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    [
      'usage: node bench/rate-limit/pacing-case.ts [--rpm 600] [--shape per-second|per-minute] [--headers on|off]',
      '         [--retry-after on|off] [--rows 360] [--latency 200-400] [--side swarm|deepswarm|cookbook]',
      '         [--duration-s <n>] [--timeline] [--trace <file.jsonl>]',
      'Runs one pacing case against the current Swarm and prints use, 429s (whole run and steady state), rows failed,',
      'wall time; the header of this file says what each flag means.',
    ].join('\n'),
  );
  process.exit(0);
}

const pacingCase: PacingCase = {
  requestsPerMinute: positive('--rpm', values.rpm),
  shape: oneOf('--shape', values.shape, ['per-second', 'per-minute'] as const),
  headers: oneOf('--headers', values.headers, ['on', 'off'] as const) === 'on',
  retryAfter: oneOf('--retry-after', values['retry-after'], ['on', 'off'] as const) === 'on',
  rows: positive('--rows', values.rows),
  latency: parseLatency(values.latency),
  durationMs: values['duration-s'] === undefined ? undefined : positive('--duration-s', values['duration-s']) * 1000,
};
const side: Side = oneOf('--side', values.side, ['swarm', 'deepswarm', 'cookbook'] as const);
if (values.trace !== undefined && side !== 'swarm') fail('--trace: only Swarm writes a limiter trace');

const workDir = await mkdtemp(path.join(os.tmpdir(), 'swarm-pacing-'));
const traceFile = values.trace === undefined ? undefined : path.resolve(values.trace);
try {
  const run = await runPacingCase(side, pacingCase, {
    workDir,
    label: traceFile === undefined ? 'pacing-case' : path.basename(traceFile, '.jsonl'),
    traceDir: traceFile === undefined ? undefined : path.dirname(traceFile),
  });
  console.log(formatPacingRun(side, pacingCase, run));
  if (values.timeline) console.log(`\n${formatTimeline(run.log)}`);
  if (traceFile !== undefined) console.log(`\nlimiter trace in ${path.join(path.dirname(traceFile), `${path.basename(traceFile, '.jsonl')}.jsonl`)}`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}

function positive(flag: string, text: string): number {
  const number = Number(text);
  if (!(Number.isFinite(number) && number > 0)) fail(`${flag} ${text}: expected a number > 0`);
  return number;
}

function oneOf<const T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) fail(`${flag} ${text}: choose one of ${choices.join(', ')}`);
  return text as T;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
