/** What both children of the generation-makespan benchmark (Swarm and the DeepSwarm recipe) are given. */
export interface MakespanSideArguments {
  /** The simulator's OpenAI base URL (each side has its own simulator). */
  baseUrl: string;
  apiKey: string;
  modelId: string;
  /** The task file both sides run: Swarm through `runTask`; the recipe reads its prompt template and seeds file. */
  taskFile: string;
  /** Where the side keeps what it writes: Swarm's store, the recipe's output files. */
  sideDir: string;
  /** The provider's request limit, which DeepSwarm's worker formula divides by the call duration. */
  requestsPerMinute: number;
}

/** What a child of the generation-makespan benchmark reports. */
export interface MakespanSideReport {
  /** Wall time of the whole job: from reading the task file until the last answer is written. */
  makespanMs: number;
  /**
   * From the moment capacity first sat idle with seeds still unanswered until the makespan's end:
   * for Swarm, after the last seed was dispatched; for DeepSwarm, after its first worker finished its slice.
   */
  tailMs: number;
  /** CPU time the child process used, user and system, in milliseconds (its start-up included). */
  cpuMs: number;
  /** The JSONL files holding the side's answers, one line per seed. */
  outputFiles: string[];
  /** DeepSwarm only: what its calibration decided, and when each worker finished (ms after the job started). */
  plan?: { calibrationMs: number; workers: number; staggerMs: number; batchSize: number; workerEndsMs: number[] };
}
