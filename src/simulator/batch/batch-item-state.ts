import type { SimulatedBatch, SimulatedBatchItem, SimulatedItemState } from './simulated-batch.ts';

/** When a batch ends: its deadline, or the cancel if one came first. */
export function batchEndMs(batch: SimulatedBatch): number {
  return Math.min(batch.deadlineMs, batch.cancelledMs ?? Infinity);
}

/** Where `item` stands at `nowMs`. */
export function batchItemState(batch: SimulatedBatch, item: SimulatedBatchItem, nowMs: number): SimulatedItemState {
  const endMs = batchEndMs(batch);
  if (item.finishMs <= Math.min(nowMs, endMs)) return item.outcome.kind === 'answer' ? 'succeeded' : 'errored';
  if (nowMs < endMs) return 'processing';
  return batch.cancelledMs !== undefined && batch.cancelledMs < batch.deadlineMs ? 'cancelled' : 'expired';
}

/** How many items of `batch` are in each state at `nowMs`. */
export function countItemStates(batch: SimulatedBatch, nowMs: number): Record<SimulatedItemState, number> {
  const counts: Record<SimulatedItemState, number> = { processing: 0, succeeded: 0, errored: 0, expired: 0, cancelled: 0 };
  for (const item of batch.items) counts[batchItemState(batch, item, nowMs)]++;
  return counts;
}
