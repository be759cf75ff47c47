import type { RequestLogEntry } from '../../src/simulator/index.ts';
import { limitUsedPercent, measureWindow, rateLimitedPercent } from './measure-window.ts';

/**
 * How long after a limit change (`changedAtMs`) a client settled at the new limit: the first
 * instant, on a `stepMs` grid, from which until the run's end (at least `settledForMs` later) its
 * 429s stay within `steadyRateLimitedPercent` of its requests and it uses at least
 * `minimumLimitUsedPercent` of the new limit. Infinity when no instant qualifies. Both halves
 * matter: a client that hammers the limit keeps being refused, and one that went quiet (or was
 * already far below the limit) is under the new limit without having found it.
 */
export function convergenceMs(
  log: RequestLogEntry[],
  {
    changedAtMs,
    endMs,
    requestsPerMinute,
    steadyRateLimitedPercent,
    minimumLimitUsedPercent,
    settledForMs,
    stepMs = 500,
  }: {
    changedAtMs: number;
    endMs: number;
    requestsPerMinute: number;
    steadyRateLimitedPercent: number;
    minimumLimitUsedPercent: number;
    settledForMs: number;
    stepMs?: number;
  },
): number {
  for (let fromMs = changedAtMs; endMs - fromMs >= settledForMs; fromMs += stepMs) {
    const after = measureWindow(log, fromMs, endMs);
    if (rateLimitedPercent(after) <= steadyRateLimitedPercent && limitUsedPercent(after, requestsPerMinute, endMs - fromMs) >= minimumLimitUsedPercent) {
      return fromMs - changedAtMs;
    }
  }
  return Number.POSITIVE_INFINITY;
}
