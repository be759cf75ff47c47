import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `delayMs` unless `abortSignal` aborts first (then rejects); no timer at all for 0, so instant answers stay instant. */
export async function pause(delayMs: number, abortSignal: AbortSignal): Promise<void> {
  if (abortSignal.aborted) throw abortSignal.reason;
  if (delayMs > 0) await sleep(delayMs, undefined, { signal: abortSignal });
}
