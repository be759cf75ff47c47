import type { PromptResult } from './prompt-result.ts';

/** Options of `parallel(prompts, options)`. */
export interface ParallelOptions {
  /** Model spec or alias; default `SWARM_MODEL`, then `model:` in swarm.config.yaml. */
  model?: string;
  /** JSON Schema (`type: "object"`) of each answer; without it each prompt gets a free-text answer. */
  schema?: Record<string, unknown>;
  /** Calls in flight: `"auto"` (default) adapts to the provider; a number caps it. */
  concurrency?: number | 'auto';
  /** Answer identical prompts from the store's response cache. Default true. */
  cache?: boolean;
  /** Attempts per prompt on transient errors (rate-limit waits use none). Default 6. */
  maxAttempts?: number;
  /** A call running longer than this is aborted and retried. Default 120000. */
  timeoutMs?: number;
  /** Stop before these prompts spend more than this many USD. */
  maxCost?: number;
  /**
   * The table to keep the prompts in. Default: a new `parallel-<random>` table. A table this option
   * named before is taken up again, so a fan-out cut short resumes with the prompts not yet answered.
   */
  tableId?: string;
  /** Called as each prompt ends (prompts answered by an earlier, interrupted call are not). */
  onResult?: (result: PromptResult) => void;
  /** Stops the fan-out: prompts not answered by then end with the error class `stopped`. */
  abortSignal?: AbortSignal;
}
