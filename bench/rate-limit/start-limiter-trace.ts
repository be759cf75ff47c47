import { createWriteStream } from 'node:fs';
import type { Swarm } from 'swarm';

/**
 * Instruments a Swarm child from outside the engine: every `intervalMs` it writes one JSON line
 * with the limiter's state for the pass's key (adaptive concurrency, calls in flight and queued,
 * the limits it believes and where they came from, any park), plus one line per `rate-limit`
 * event, to `file`. Times are ms since the trace started. For `run-all.ts --trace <dir>`.
 */
export function startLimiterTrace(swarm: Swarm, file: string, { intervalMs = 100 }: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  const out = createWriteStream(file);
  const startedMs = Date.now();
  let limiterKey: string | undefined;
  const unsubscribe = swarm.subscribe((event) => {
    if (event.type === 'pass-start') limiterKey = event.limiterKey;
    if (event.type === 'rate-limit') out.write(`${JSON.stringify({ tMs: Date.now() - startedMs, parkedForMs: event.parkedUntil - Date.now(), waitSource: event.waitSource })}\n`);
  });
  const timer = setInterval(() => {
    const snapshot = limiterKey === undefined ? undefined : swarm.context.limiters.find(limiterKey)?.snapshot();
    if (snapshot !== undefined) out.write(`${JSON.stringify({ tMs: Date.now() - startedMs, ...snapshot })}\n`);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}
