import type { LatencySettings } from './latency-settings.ts';

/** Latency settings with every default filled in. */
export type CompleteLatency = Required<LatencySettings>;

const defaultLatency: CompleteLatency = { firstTokenMs: 0, tokensPerSecond: Infinity, slowFraction: 0, slowFactor: 10 };

/** `latency` over the current settings (the defaults at first), checked; throws a RangeError naming a bad value. */
export function completeLatency(latency: LatencySettings, current: CompleteLatency = defaultLatency): CompleteLatency {
  const defined = Object.fromEntries(Object.entries(latency).filter(([, value]) => value !== undefined));
  const complete: CompleteLatency = { ...current, ...defined };
  const { firstTokenMs, tokensPerSecond, slowFraction, slowFactor } = complete;
  const distribution = typeof firstTokenMs === 'number' ? { median: firstTokenMs, p90: firstTokenMs } : firstTokenMs;
  if (!(distribution.median >= 0 && distribution.p90 >= 0)) throw new RangeError('simulator: latency.firstTokenMs must be ≥ 0');
  if (!(tokensPerSecond > 0)) throw new RangeError('simulator: latency.tokensPerSecond must be > 0');
  if (!(slowFraction >= 0 && slowFraction <= 1)) throw new RangeError('simulator: latency.slowFraction must be between 0 and 1');
  if (!(slowFactor >= 1)) throw new RangeError('simulator: latency.slowFactor must be ≥ 1');
  return complete;
}
