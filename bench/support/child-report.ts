import type { MemoryPeak } from './memory-sampler.ts';

/** What one benchmark child process measured, sent to `run-all.ts` as the last line of its stdout. */
export interface ChildReport {
  rows: number;
  /** Time spent loading the input into the store; 0 for the baseline, which reads its input as it goes. */
  createMs: number;
  /** Time from the first row dispatched to the last result durably written. */
  passMs: number;
  memory: MemoryPeak;
  /** The longest the event loop went without a turn during the pass, in milliseconds. */
  longestStallMs: number;
}

/** Writes the report where the parent reads it: one JSON line on stdout (a `ChildReport` unless `Report` is given). */
export function sendReport<Report = ChildReport>(report: NoInfer<Report>): void {
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** The arguments the parent passed as one JSON string (`argv[2]`). */
export function childArguments<Arguments>(): Arguments {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error('a benchmark child needs its arguments as one JSON string; run it through bench/run-all.ts');
  return JSON.parse(raw) as Arguments;
}
