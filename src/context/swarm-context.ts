import type { SwarmConfig } from '../config/swarm-config.ts';
import type { SecretRedactor } from '../call/secret-redactor.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { LimiterRegistry } from '../limit/limiter-registry.ts';
import type { Store } from '../store/store.ts';

/** What every engine operation runs against: the store, the config, the event bus, the environment. */
export interface SwarmContext {
  store: Store;
  config: SwarmConfig;
  events: EventBus;
  /** Rate limiters per provider key and model, shared by every pass of the process. */
  limiters: LimiterRegistry;
  /** Folder relative paths are resolved against. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Removes the API keys this Swarm's models use from what it stores, emits and throws. */
  secrets: SecretRedactor;
}
