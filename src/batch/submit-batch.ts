import type { Experimental_BatchV4 } from '@ai-sdk/provider';
import { prepareResponseFormat } from '../call/prepare-response-format.ts';
import { batchCustomId } from './batch-custom-id.ts';
import type { BatchLedger, BatchRecord } from './batch-ledger.ts';
import type { ProviderBatchRequest } from './provider-batch-request.ts';

/**
 * Submits items as one batch and records it. The provider's batch interface is called directly
 * (as `callModel` calls `doGenerate`), because the AI SDK's `experimental_startBatch` does not pass
 * `responseFormat` on, and every pass asks for structured output. The call gets no abort signal:
 * a creation cut off after the provider accepted it would leave a batch that is paid for but not
 * recorded.
 */
export async function submitBatch({
  batchApi,
  provider,
  modelId,
  passId,
  requests,
  attempt,
  ledger,
}: {
  batchApi: Experimental_BatchV4;
  provider: string;
  modelId: string;
  passId: string;
  requests: ProviderBatchRequest[];
  attempt: number;
  ledger: BatchLedger;
}): Promise<BatchRecord> {
  const { batchId, status } = await batchApi.doStartBatch({
    requests: requests.map(({ prompt, schema, maxOutputTokens }, index) => ({
      id: batchCustomId(index),
      type: 'text' as const,
      modelId,
      // The same provider form of the schema an online call sends (see `prepareResponseFormat`).
      options: { prompt, ...prepareResponseFormat(batchApi.provider, schema, { batch: true }), maxOutputTokens },
    })),
  });
  return ledger.add({
    passId,
    provider,
    reference: { version: 2, id: batchId, provider: batchApi.provider },
    itemIds: requests.map((request) => request.id),
    attempt,
    status,
  });
}
