/** What a worker says of itself every two seconds (in the workers hash), and `swarm workers` shows. */
export interface WorkerHeartbeat {
  id: string;
  host: string;
  pid: number;
  /** Dispatches it takes at once. */
  concurrency: number;
  /** Dispatches under way. */
  active: number;
  /** Dispatches it answered (outcomes delivered), and their rows. */
  jobs: number;
  rows: number;
  /** Dispatches under way per pass id. */
  passes: Record<string, number>;
  /** Their calls sent and not yet answered, per pass id (a run's progress line sums them as "in flight"). */
  calls: Record<string, number>;
  startedAt: number;
  seenAt: number;
}
