/** What every client child of the rate-limit benchmarks (Swarm and both baselines) is given. */
export interface SideArguments {
  /** Which API the simulator speaks to this client: OpenAI Chat Completions or Gemini. */
  provider: 'openai' | 'google';
  /** The provider's base URL: the simulator's. */
  baseUrl: string;
  apiKey: string;
  /** The model id the calls name (the simulator keeps one limit ledger per key and model). */
  modelId: string;
  /** Rows to classify; more than the run can finish, except where the benchmark times a whole pass. */
  rows: number;
  /** The child stops (calls in flight aborted, rows left pending) this long after its first call. */
  durationMs: number;
  /** Swarm only: its store folder. */
  storeDir?: string;
  /** Swarm only: where to write a trace of its limiter's state, when tracing. */
  traceFile?: string;
  /** Run the same workload a second time in the same process, on fresh rows, and report it as `warmRunMs`. */
  repeat?: boolean;
  /** Number the rows from here (default 0): runs sharing a store get rows its cache has not answered. */
  firstRow?: number;
  /** DeepSwarm pool only: the delay between one worker's start and the next one's. */
  staggerMs?: number;
}

/** What a client child reports; the rest is measured from the simulator's request log. */
export interface SideReport {
  completed: number;
  /** Rows given up on (Swarm: failed rows; a baseline: rows out of attempts). */
  failed: number;
  /** Swarm only: why its pass stopped before every row was done, when it did (the deadline shows as aborted). */
  stopped?: string;
  /** From the first call until the run ended (every row answered, or the deadline). */
  runMs: number;
  /** The second run's time, with `repeat`: the process, its modules and its connections warm. */
  warmRunMs?: number;
}
