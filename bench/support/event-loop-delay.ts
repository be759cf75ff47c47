import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const settleMs = 30;

/**
 * Watches how long the event loop goes without a turn. A pass that never yields (every await
 * settled by a microtask) starves timers and `setImmediate`, and with them progress output,
 * signal handling and the result writer's group commits; its longest stall is its whole length.
 * Start it before the timed work and stop it after: both wait a few timer ticks.
 */
export async function startEventLoopDelayMonitor(): Promise<{ stop(): Promise<number> }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // The monitor's timer measures from its first tick, so a stall starting at once would be missed.
  await sleep(settleMs);
  return {
    /** Stops watching after one more tick, which records a stall that lasted until now; the longest stall seen, in milliseconds. */
    async stop() {
      await sleep(settleMs);
      histogram.disable();
      return histogram.max / 1e6;
    },
  };
}
