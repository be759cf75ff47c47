import type { Experimental_BatchV4 } from '@ai-sdk/provider';
import { experimental_getBatchResults as getBatchResults, type Experimental_BatchError } from 'ai';
import type { ModelPrice } from '../config/model-price.ts';
import { batchCostOf } from './batch-cost-of.ts';
import { batchItemIndex } from './batch-custom-id.ts';
import { BatchItemError } from './batch-item-error.ts';
import type { BatchRecord } from './batch-ledger.ts';
import type { ProviderBatchOutcome } from './provider-batch-outcome.ts';

/** What harvesting an ended batch left to do. */
export interface HarvestResult {
  succeeded: number;
  failed: number;
  /** Items to submit again: expired, failed transiently, or missing from the results. */
  resubmit: string[];
}

/**
 * Reads the results of an ended batch and hands each item still `waiting` on exactly once: an
 * answer or a final error to `onResult`; an item worth sending again (see `BatchItemError`) back
 * for resubmission while the record's attempt is below `maxResubmits`. Items the results leave out
 * count as expired (Gemini lists no expired items), or as failed with the batch's error when the
 * whole batch failed.
 */
export async function harvestBatch({
  batchApi,
  record,
  waiting,
  batchError,
  price,
  maxResubmits,
  abortSignal,
  onResult,
}: {
  batchApi: Experimental_BatchV4;
  record: BatchRecord;
  waiting: Set<string>;
  /** Why the whole batch failed, if it did. */
  batchError: Experimental_BatchError | undefined;
  price: ModelPrice | undefined;
  maxResubmits: number;
  abortSignal: AbortSignal | undefined;
  onResult: (itemId: string, outcome: ProviderBatchOutcome) => void | Promise<void>;
}): Promise<HarvestResult> {
  const result: HarvestResult = { succeeded: 0, failed: 0, resubmit: [] };
  const submissions = record.attempt + 1;
  const settle = async (itemId: string, error: BatchItemError) => {
    if (error.isRetryable && record.attempt < maxResubmits) result.resubmit.push(itemId);
    else {
      result.failed++;
      await onResult(itemId, { error });
    }
  };

  for await (const item of getBatchResults({ provider: batchApi, batch: record.reference, maxRetries: 0, abortSignal })) {
    const index = batchItemIndex(item.id);
    const itemId = index === undefined ? undefined : record.itemIds[index];
    // Unknown ids, duplicates and items a later run no longer wants are skipped.
    if (itemId === undefined || item.type !== 'text' || !waiting.delete(itemId)) continue;
    if (item.status === 'succeeded') {
      const usage = { inputTokens: item.usage.inputTokens ?? 0, outputTokens: item.usage.outputTokens ?? 0 };
      result.succeeded++;
      await onResult(itemId, { text: item.text, usage, cost: batchCostOf(usage, price), truncated: item.finishReason === 'length' });
    } else {
      const error = item.error;
      const message = error?.message ?? (item.status === 'expired' ? 'The batch ended before this item was processed.' : 'The batch was cancelled before this item was processed.');
      await settle(itemId, new BatchItemError({ end: item.status, message, code: error?.code, type: error?.type, statusCode: error?.statusCode, submissions }));
    }
  }
  for (const itemId of waiting) {
    const error =
      batchError === undefined
        ? new BatchItemError({ end: 'expired', message: 'The batch ended without a result for this item.', submissions })
        : new BatchItemError({ end: 'failed', message: `The batch failed: ${batchError.message}`, code: batchError.code, type: batchError.type, statusCode: batchError.statusCode, submissions });
    await settle(itemId, error);
  }
  waiting.clear();
  return result;
}
