import type { BudgetLimits } from '../budget/budget-limits.ts';
import type { PassUsage } from '../recorder/pass-usage.ts';
import type { RowFailure } from '../recorder/result-writer.ts';

export type { PassUsage };

/** Why a pass stopped before every row was tried. */
export interface PassStop {
  /** `worker`: a worker of a distributed run could not run the pass (a key or an agent type it lacks). */
  reason: 'aborted' | 'provider' | 'budget' | 'worker';
  message: string;
  /** A budget stop: the cap that was reached. */
  cap?: keyof BudgetLimits;
  /** A provider stop: its error class (`auth`, `billing`, `quota`, `missing-key`, `rate-limit`, or that of 5 calls refused alike, e.g. `bad-request`) and the variable the key came from. */
  errorClass?: string;
  keyEnv?: string;
}

/** What `run()` returns. */
export interface PassResult {
  passId: string;
  /** Rows answered in this run. */
  completed: number;
  /** Rows that could not be answered in this run (see `failures`). */
  failed: number;
  /** Matched rows already answered by an earlier run of the same pass, not sent again. */
  skipped: number;
  /** Matched rows left unanswered because the pass stopped; a later run resumes them. */
  pending: number;
  /** The first 1000 failures; all of them are kept in the store. */
  failures: RowFailure[];
  /** Token and cost totals of this run's calls; `cost` is undefined when the model has no price. */
  usage: PassUsage;
  /** Present when the pass stopped early, saying why. */
  stopped?: PassStop;
  /** Present when there is something the user should know, e.g. the provider cannot enforce the response schema. */
  warnings?: string[];
}
