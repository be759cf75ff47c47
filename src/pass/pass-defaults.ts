import { availableParallelism } from 'node:os';
import { defaultMaxFileBytes } from '../table/sources/default-max-file-bytes.ts';

/**
 * The default of every pass option that has one. `preparePass` is the one place they are applied;
 * `--help` and the docs quote them from here.
 */
export const passDefaults = Object.freeze({
  batchSize: 'auto',
  concurrency: 'auto',
  workerKey: 'function',
  overwrite: false,
  maxAttempts: 6,
  timeoutMs: 120_000,
  stream: false,
  firstTokenTimeoutMs: 30_000,
  maxFileBytes: defaultMaxFileBytes,
  mode: 'online',
  batchPollIntervalMs: 30_000,
  cache: true,
  /** Rows per agent loop (`subagentType`): each row its own agent and context. */
  agentBatchSize: 1,
  /** Agent loops at once when `concurrency` is "auto": loops hold tools (files, shells) between calls. */
  agentConcurrency: 16,
  /** Command passes: commands at once (for `concurrency: 'auto'`), one per CPU. */
  commandConcurrency: availableParallelism(),
  /** Command passes: a command gets ten minutes (an agent CLI's task takes minutes). */
  commandTimeoutMs: 600_000,
  maxOutputBytes: 1_000_000,
  isolation: 'none',
} as const);
