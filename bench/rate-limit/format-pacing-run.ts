import type { RequestLogEntry } from '../../src/simulator/index.ts';
import { bucketCapacity } from './bucket-emptied-at-ms.ts';
import { perSecondTimeline } from './measure-pacing.ts';
import { disclosureOf, formatLatency, idealRunMs, type PacingCase, type PacingRun } from './run-pacing-case.ts';
import type { Side } from './run-side.ts';

/** What a pacing case enforced and told, in one line. */
export function describePacingCase(pacingCase: PacingCase): string {
  const { requestsPerMinute, shape, rows, latency } = pacingCase;
  const bucket = bucketCapacity(requestsPerMinute, shape);
  const enforced =
    shape === 'per-second'
      ? `per second (bucket of ${formatCount(bucket)}, refilled at ${formatCount(requestsPerMinute / 60)}/s)`
      : `per minute (bucket of ${formatCount(bucket)}, refilled continuously)`;
  const told = { full: 'limit headers on', 'retry-after': 'limit headers off, 429s with retry-after only', nothing: 'limit headers off, 429s without retry-after' }[disclosureOf(pacingCase)];
  return `${requestsPerMinute} requests/min enforced ${enforced}, ${told}, ${rows} rows, calls ${formatLatency(latency)}`;
}

/** A pacing run as the quick runner prints it: figures beside the targets. */
export function formatPacingRun(side: Side, pacingCase: PacingCase, run: PacingRun): string {
  const { report, measures } = run;
  const pending = pacingCase.rows - report.completed - report.failed;
  const steady = measures.steady;
  const lines = [
    `${side}: ${describePacingCase(pacingCase)}`,
    `rows:       ${report.completed} completed, ${report.failed} failed, ${pending} pending (target: 0 failed)` +
      (report.stopped !== undefined ? ` — stopped: ${report.stopped}` : pending > 0 ? ` — stopped after ${run.durationMs / 1000} s` : ''),
    `wall time:  ${seconds(report.runMs)} (a client that wastes nothing: ${seconds(idealRunMs(pacingCase))} + one call)`,
    `requests:   ${measures.received} sent, ${measures.admitted} admitted, ${measures.rateLimited} refused with 429`,
    `limit used: ${percent(measures.limitUsedPercent, 'every row fits in the bucket at the start')} over ${seconds(measures.spanMs)} (target ≥ 95 %)` +
      (steady === undefined ? '; no steady state' : `; steady (${seconds(steady.fromMs)}–${seconds(steady.toMs)}): ${percent(steady.limitUsedPercent)}`),
    `429s:       ${percent(measures.rateLimitedPercent)} over the run (target ≤ 1 %)` +
      (steady === undefined ? '' : `; steady: ${percent(steady.rateLimitedPercent)} (target ≤ 0.5 %)`),
  ];
  return lines.join('\n');
}

/** Requests sent, admitted and refused per second, as a table. */
export function formatTimeline(log: RequestLogEntry[]): string {
  const rows = perSecondTimeline(log).map(({ second, sent, admitted, rateLimited }) =>
    [`${second}`, `${sent}`, `${admitted}`, `${rateLimited}`].map((cell) => cell.padStart(10)).join(''),
  );
  return [['second', 'sent', 'admitted', '429s'].map((cell) => cell.padStart(10)).join(''), ...rows].join('\n');
}

function percent(value: number | undefined, otherwise = 'n/a'): string {
  return value === undefined ? `n/a (${otherwise})` : `${value.toFixed(value >= 10 ? 1 : 2)} %`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
