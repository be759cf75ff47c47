import { limitLabels } from '../../../src/limit/limit-labels.ts';
import type { RateLimits } from '../../../src/limit/rate-limits.ts';
import { count } from './format.ts';

/** A limiter's limits in words (`500 requests/min, 30,000 tokens/min`); "none known" without any. */
export function limitsText(limits: RateLimits): string {
  const known = limitLabels.filter(([name]) => limits[name] !== undefined).map(([name, label]) => `${count(limits[name])} ${label}`);
  return known.length === 0 ? 'none known' : known.join(', ');
}
