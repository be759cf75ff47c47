/** Exponential backoff with full jitter: a random wait in [0, min(maxDelayMs, initialDelayMs · 2^(attempt-1))]. */
export function backoffDelay(
  attempt: number,
  { initialDelayMs = 500, maxDelayMs = 30_000, random = Math.random }: { initialDelayMs?: number; maxDelayMs?: number; random?: () => number } = {},
): number {
  return Math.floor(random() * Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1)));
}
