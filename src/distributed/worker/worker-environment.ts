import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { Redis } from 'ioredis';
import type { SecretRedactor } from '../../call/secret-redactor.ts';
import type { SwarmConfig } from '../../config/swarm-config.ts';
import type { LimiterRegistry } from '../../limit/limiter-registry.ts';
import type { RowWorker } from '../../pass/row-worker.ts';

/**
 * What a process knows of a pass it runs itself, that its own worker answers the pass with instead
 * of its own: the pass's Swarm's config, environment and folder, and what cannot travel (a model
 * instance, a function).
 */
export interface LocalPass {
  config: SwarmConfig;
  env: Record<string, string | undefined>;
  cwd: string;
  model?: LanguageModelV4;
  worker?: RowWorker;
}

/** What a worker process answers dispatches with: its own config, environment and keys, and the shared limiters. */
export interface WorkerEnvironment {
  /** The worker's id, as `swarm workers` shows it. */
  id: string;
  config: SwarmConfig;
  env: Record<string, string | undefined>;
  /** Folder the worker resolves relative paths against (files, command folders, agent roots). */
  cwd: string;
  secrets: SecretRedactor;
  /** Limiters whose state is in Redis, shared with every worker. */
  limiters: LimiterRegistry;
  /** For shared budgets. */
  redis: Redis;
  /** Row functions by `workerKey`. */
  functions: Readonly<Record<string, RowWorker>>;
  /** Command passes and task files' worker scripts may run (see `StartWorkerOptions.allowCommands`). */
  allowCommands: boolean;
  /** The passes this very process runs (its coordinator's), by pass id. */
  local(passId: string): LocalPass | undefined;
}
