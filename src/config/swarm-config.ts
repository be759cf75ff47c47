import type { BudgetLimits } from '../budget/budget-limits.ts';
import type { AgentTypeConfig } from './agents-config-schema.ts';
import type { RateLimits } from '../limit/rate-limits.ts';
import type { ModelPrice } from './model-price.ts';
import type { MockSettings } from './mock-settings.ts';

/** A named OpenAI-compatible endpoint from `providers:` in swarm.config.yaml, used as `name:model-id`. */
export interface ProviderConfig {
  /** Base URL of the OpenAI-compatible API, e.g. `http://localhost:11434/v1`. */
  baseURL: string;
  /** Name of the environment variable holding the API key; omitted for endpoints without auth. */
  apiKeyEnv?: string;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string>;
}

/** The validated contents of swarm.config.yaml, with defaults filled in (empty maps when absent). */
export interface SwarmConfig {
  /** Default model spec (`provider:model-id` or an alias) when neither `--model` nor SWARM_MODEL is set. */
  model?: string;
  /** Short names for model specs, e.g. `fast: openai:gpt-4o-mini`; expanded one level. */
  aliases: Record<string, string>;
  /** Named OpenAI-compatible endpoints. */
  providers: Record<string, ProviderConfig>;
  /** USD per million tokens keyed by `provider:model-id` (or `provider:*`); overrides the built-in table. */
  prices: Record<string, ModelPrice>;
  /** Known provider limits keyed by `provider:model-id` or `provider`; learned from headers otherwise. */
  limits?: Record<string, RateLimits>;
  /** Default spending caps for every pass (`maxDailyCost` is `max_daily_spend`). */
  budget?: BudgetLimits;
  /** Named subagent types (`subagentType`, `--agent`); they override the built-in types (`reviewer`, `fixer`, `web-searcher`, `web-reader`) by name. */
  agents?: Record<string, AgentTypeConfig>;
  /** Where `swarm run` answers dispatches: `local` (this process, the default) or `bullmq` (`swarm worker` processes on Redis). */
  backend?: 'local' | 'bullmq';
  /** The Redis URL of the `bullmq` backend and of `swarm worker` (`SWARM_REDIS_URL` and `--redis` come first). */
  redis?: string;
  /** Defaults for the built-in mock model; query parameters in a `mock:` spec override them. */
  mock?: Partial<MockSettings>;
}
