import type { LimiterSnapshot } from '../limit/key-limiter.ts';
import type { LimiterView } from './progress/show-progress.ts';

/** The progress display's view of limiters a daemon reports (their latest samples). */
export function limiterViewOf(samples: ReadonlyMap<string, LimiterSnapshot>): LimiterView {
  return {
    find(key) {
      const snapshot = samples.get(key);
      return snapshot === undefined ? undefined : { snapshot: () => snapshot };
    },
  };
}
