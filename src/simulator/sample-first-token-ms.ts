import type { LogNormalMs } from './latency-settings.ts';

// The standard normal's 90th percentile: p90 = median · e^(σ · z90) gives σ.
const normalP90 = 1.2815515655446004;

/**
 * A time to first token from `firstTokenMs`: the number itself, or a log-normal draw with the
 * given median and 90th percentile made from two uniform draws in [0, 1) (Box–Muller).
 */
export function sampleFirstTokenMs(firstTokenMs: number | LogNormalMs, uniform: number, otherUniform: number): number {
  if (typeof firstTokenMs === 'number') return firstTokenMs;
  const { median, p90 } = firstTokenMs;
  if (median <= 0) return 0;
  const sigma = p90 > median ? Math.log(p90 / median) / normalP90 : 0;
  const normal = Math.sqrt(-2 * Math.log(1 - uniform)) * Math.cos(2 * Math.PI * otherUniform);
  return median * Math.exp(sigma * normal);
}
