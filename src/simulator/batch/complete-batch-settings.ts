import type { BatchSettings } from './batch-settings.ts';

/** Batch settings with every default filled in. */
export type CompleteBatchSettings = Required<BatchSettings>;

/** `settings` over the defaults, checked; throws a RangeError naming a bad value. */
export function completeBatchSettings(settings: BatchSettings): CompleteBatchSettings {
  const complete: CompleteBatchSettings = {
    completeAfterMs: settings.completeAfterMs ?? 1000,
    expireFraction: settings.expireFraction ?? 0,
  };
  if (!(complete.completeAfterMs >= 0)) throw new RangeError('simulator: batch.completeAfterMs must be ≥ 0');
  if (!(complete.expireFraction >= 0 && complete.expireFraction <= 1)) {
    throw new RangeError('simulator: batch.expireFraction must be between 0 and 1');
  }
  return complete;
}
