import type { FaultSettings } from './fault-settings.ts';

/** Fault settings with every default filled in (`failAll` stays optional: off). */
export type CompleteFaults = Required<Omit<FaultSettings, 'failAll'>> & Pick<FaultSettings, 'failAll'>;

const defaultFaults: CompleteFaults = {
  serverErrorRate: 0,
  overloadedRate: 0,
  rateLimitRate: 0,
  rateLimitRetryAfterMs: 1000,
  hangRate: 0,
  dropRate: 0,
  malformedRate: 0,
  truncatedRate: 0,
  midStreamErrorRate: 0,
  slowFirstTokenRate: 0,
  slowFirstTokenMs: 30_000,
  failAll: undefined,
};

const rateNames = ['serverErrorRate', 'overloadedRate', 'rateLimitRate', 'hangRate', 'dropRate', 'malformedRate', 'truncatedRate', 'midStreamErrorRate', 'slowFirstTokenRate'] as const;

/** `faults` over the current settings (the defaults at first), checked; throws a RangeError naming a bad value. */
export function completeFaults(faults: FaultSettings, current: CompleteFaults = defaultFaults): CompleteFaults {
  const defined = Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== undefined));
  // `failAll: undefined` is meaningful (switch it off), so it is kept when given.
  const complete: CompleteFaults = { ...current, ...defined, ...('failAll' in faults ? { failAll: faults.failAll } : {}) };
  for (const name of rateNames) {
    if (!(complete[name] >= 0 && complete[name] <= 1)) throw new RangeError(`simulator: faults.${name} must be between 0 and 1`);
  }
  if (!(complete.rateLimitRetryAfterMs >= 0)) throw new RangeError('simulator: faults.rateLimitRetryAfterMs must be ≥ 0');
  if (!(complete.slowFirstTokenMs >= 0)) throw new RangeError('simulator: faults.slowFirstTokenMs must be ≥ 0');
  return complete;
}
