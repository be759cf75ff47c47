import type { TokenUsage } from '../events/swarm-event.ts';
import { costOf } from '../model/cost-of.ts';
import type { ModelPrice } from '../config/model-price.ts';
import { batchDiscount } from './batch-discount.ts';

/** The cost in USD of a batch item's usage: the online price less `batchDiscount`; undefined when the price is unknown. */
export function batchCostOf(usage: TokenUsage, price: ModelPrice | undefined): number | undefined {
  const online = costOf(usage, price);
  return online === undefined ? undefined : online * (1 - batchDiscount);
}
