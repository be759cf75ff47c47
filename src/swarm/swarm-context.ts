import type { SwarmConfig } from '../config/swarm-config.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Store } from '../store/store.ts';

/** What every engine operation runs against: the store, the config, the event bus, the environment. */
export interface SwarmContext {
  store: Store;
  config: SwarmConfig;
  events: EventBus;
  /** Folder relative paths are resolved against. */
  cwd: string;
  env: Record<string, string | undefined>;
}
