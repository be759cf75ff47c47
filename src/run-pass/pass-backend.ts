import type { SwarmContext } from '../context/swarm-context.ts';
import type { EnginePassOptions } from '../pass/engine-pass-options.ts';
import type { PassRun } from '../pass/pass-run.ts';
import type { PreparedPass } from '../pass/prepared-pass.ts';
import type { RunOptions } from '../pass/run-options.ts';
import type { PassWork } from './run-leased-pass.ts';

/**
 * Where a pass's dispatches are answered instead of this process's pool: the workers of a queue
 * (`bullmqBackend` in `swarm/distributed`). The store stays the source of truth: the backend hands
 * each result back and the run commits it, as the pool's would be.
 */
export interface PassBackend {
  /** Names the backend in messages (`bullmq`). */
  readonly name: string;
  /** Refuses, before anything is written, a pass the backend cannot run (an object that cannot reach its workers). */
  check(input: { pass: PreparedPass; options: RunOptions; engine: EnginePassOptions }): void;
  /**
   * Sets up one run of `pass` (prepared from `options`, its lease taken): how its dispatches reach
   * the workers and how their results are committed through `run`.
   */
  openWork(input: { swarm: SwarmContext; pass: PreparedPass; options: RunOptions; engine: EnginePassOptions; run: PassRun }): Promise<PassWork>;
}
