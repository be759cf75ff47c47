/** What `run-all.ts` hands every benchmark. */
export interface BenchContext {
  /** A fresh temporary folder for inputs, stores and outputs; deleted after the run. */
  workDir: string;
  /** When set, every child process writes a CPU profile here (timings are then not comparable). */
  profileDir: string | undefined;
  /** When set, Swarm's children in the rate-limit benchmarks write a trace of their limiter here. */
  traceDir: string | undefined;
}
