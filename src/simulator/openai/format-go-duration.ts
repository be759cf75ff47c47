/**
 * A duration as OpenAI writes it in `x-ratelimit-reset-*` headers and 429 messages (Go's
 * `time.Duration` format, to the millisecond): `120ms`, `1s`, `8.64s`, `6m0s`, `1h2m3.5s`.
 */
export function formatGoDuration(milliseconds: number): string {
  const totalMs = Math.max(0, Math.round(milliseconds));
  if (totalMs === 0) return '0s';
  if (totalMs < 1000) return `${totalMs}ms`;
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const seconds = `${Number(((totalMs % 60_000) / 1000).toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}
