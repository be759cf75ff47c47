/** "12s", "4m05s", "1h02m". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** "950", "12.3k", "4.56M". */
export function formatCount(count: number): string {
  if (count < 1000) return String(Math.round(count));
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 2 : 1)}k`;
  return `${(count / 1_000_000).toFixed(2)}M`;
}

/** "$0.0123", two significant digits below a cent ("$0.00062"), or "$?" when the price is unknown. */
export function formatCost(cost: number | undefined): string {
  if (cost === undefined) return '$?';
  if (cost > 0 && cost < 0.01) return cost < 1e-6 ? 'under $0.000001' : `$${cost.toPrecision(2)}`;
  return cost < 10 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}
