import type { PassUsage } from '../pass/pass-result.ts';
import type { PromptResult } from './prompt-result.ts';

/** What `parallel()` returns: every prompt's result, in the order given, and totals. */
export interface ParallelResult {
  results: PromptResult[];
  stats: ParallelStats;
}

/** Totals of a fan-out. */
export interface ParallelStats {
  total: number;
  succeeded: number;
  failed: number;
  /** Wall time of this call, from the table's creation to the last answer. */
  elapsedMs: number;
  /** The table the prompts were kept in (`swarm rows <table>`), and the pass that answered them. */
  tableId: string;
  passId: string;
  usage: PassUsage;
}
