/** A count with thousands separators. */
export function count(value: number | undefined): string {
  return value === undefined ? '–' : value.toLocaleString('en-US');
}

/** USD with enough digits for small amounts; "no price" when unknown. */
export function usd(value: number | undefined): string {
  if (value === undefined) return 'no price';
  return `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;
}

/** A moment as local date and time. */
export function time(epochMs: number | undefined): string {
  return epochMs === undefined ? '–' : new Date(epochMs).toLocaleString();
}

/** A duration in seconds, minutes or hours. */
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** JSON for reading. */
export function pretty(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
