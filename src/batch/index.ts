/** Batch mode: items run through a provider's batch API (OpenAI, Anthropic, Gemini) at half price. */
export { runProviderBatch, type RunProviderBatchOptions, type ProviderBatchSummary } from './run-provider-batch.ts';
export type { ProviderBatchRequest } from './provider-batch-request.ts';
export type { ProviderBatchOutcome } from './provider-batch-outcome.ts';
export { BatchItemError, type BatchItemEnd } from './batch-item-error.ts';
export { batchDiscount } from './batch-discount.ts';
export { batchCostOf } from './batch-cost-of.ts';
