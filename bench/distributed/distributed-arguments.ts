/** What the coordinator child of the distributed benchmarks is given. */
export interface CoordinatorArguments {
  /** `local`: the pass runs in the child; `bullmq`: on the worker processes the parent started. */
  mode: 'local' | 'bullmq';
  redis?: string;
  prefix?: string;
  /** Its store folder. */
  storeDir: string;
  inputFile: string;
  rows: number;
  model: string;
  concurrency: number | 'auto';
  /** Environment for the model's key and base URL (the simulator's). */
  env: Record<string, string>;
  /** Stop the pass this long after it starts (rows left pending); none: until every row is answered. */
  durationMs?: number;
}

/** What it reports. */
export interface CoordinatorReport {
  completed: number;
  failed: number;
  /** From `run()` to its end: every row committed, or the deadline. */
  passMs: number;
  stopped?: string;
}
