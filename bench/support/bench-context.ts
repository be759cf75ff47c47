/** What `run-all.ts` hands every benchmark. */
export interface BenchContext {
  /** A fresh temporary folder for inputs, stores and outputs; deleted after the run. */
  workDir: string;
  /** When set, every child process writes a CPU profile here (timings are then not comparable). */
  profileDir: string | undefined;
}
