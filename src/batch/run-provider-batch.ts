import { APICallError, type Experimental_BatchV4 } from '@ai-sdk/provider';
import { experimental_getBatchStatus as getBatchStatus, type Experimental_BatchError, type Experimental_BatchStatus } from 'ai';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { ModelConfigError } from '../errors/model-config-error.ts';
import { abortableDelay } from '../model/mock/abortable-delay.ts';
import type { ResolvedModel } from '../model/resolved-model.ts';
import type { Store } from '../store/store.ts';
import type { BatchLedger, BatchRecord } from './batch-ledger.ts';
import { harvestBatch, type HarvestResult } from './harvest-batch.ts';
import { memoryBatchLedger } from './memory-batch-ledger.ts';
import type { ProviderBatchOutcome } from './provider-batch-outcome.ts';
import type { ProviderBatchRequest } from './provider-batch-request.ts';
import { storeBatchLedger } from './store-batch-ledger.ts';
import { submitBatch } from './submit-batch.ts';

/** How to run items through a provider's batch API. */
export interface RunProviderBatchOptions {
  /** Where batch references are kept, so a re-run of the pass polls its batches instead of paying again. Default: memory only. */
  store?: Store;
  /** The pass the items belong to (the key batches are found by after a restart). */
  passId: string;
  /** The model, with its provider's batch interface (`resolveModel` sets it for OpenAI, Anthropic and Google). */
  model: Pick<ResolvedModel, 'spec' | 'provider' | 'modelId' | 'price' | 'batch'>;
  /** The items still wanted. Items already in an open batch of the pass are polled there, not sent again. */
  requests: ProviderBatchRequest[];
  /** Time between status checks of a running batch. Default 30 000. */
  pollIntervalMs?: number;
  /** How many times an item that expired or failed transiently is sent again in a new batch. Default 3. */
  maxResubmits?: number;
  /** The most items per batch; more are split over several batches, each harvested as it ends. Default 10 000. */
  maxRequestsPerBatch?: number;
  /** Stops polling (the batches keep running at the provider; a re-run picks them up). */
  abortSignal?: AbortSignal;
  /** Called exactly once per request: its answer, or the error it ended with. Awaited before the next. */
  onResult: (itemId: string, outcome: ProviderBatchOutcome) => void | Promise<void>;
}

/** What a run of `runProviderBatch` did. */
export interface ProviderBatchSummary {
  /** Batches created by this run, resubmissions included. */
  submitted: number;
  /** Batches of an earlier run polled instead of submitting their items again. */
  resumed: number;
  succeeded: number;
  failed: number;
  /** Items sent again after expiring or failing transiently. */
  resubmitted: number;
}

interface RunningBatch {
  record: BatchRecord;
  /** Its items still owed an outcome. */
  waiting: Set<string>;
  status: Experimental_BatchStatus['status'] | undefined;
  error: Experimental_BatchError | undefined;
  checkedAtMs: number;
}

/**
 * Runs items through the model provider's batch API (at `batchDiscount` off the online price):
 * submits them, records each batch before polling it, polls until each batch ends, hands every
 * result to `onResult` as its batch ends, and submits expired and transiently failed items again
 * (up to `maxResubmits` times). Batches recorded by an earlier run of the same pass are polled, not
 * submitted again. Results come per batch: providers release them only when a batch has ended.
 * A provider without a batch API is a ModelConfigError, raised before anything is sent.
 */
export async function runProviderBatch({
  store,
  passId,
  model,
  requests,
  pollIntervalMs = 30_000,
  maxResubmits = 3,
  maxRequestsPerBatch = 10_000,
  abortSignal,
  onResult,
}: RunProviderBatchOptions): Promise<ProviderBatchSummary> {
  const batchApi = model.batch;
  if (batchApi === undefined) {
    throw new ModelConfigError(`${model.spec} has no batch API; batch mode needs an openai, anthropic or google model. Run this pass online instead`);
  }
  if (!(pollIntervalMs > 0)) throw new InvalidInputError('pollIntervalMs must be > 0');
  if (!(Number.isInteger(maxResubmits) && maxResubmits >= 0)) throw new InvalidInputError('maxResubmits must be a whole number ≥ 0');
  if (!(Number.isInteger(maxRequestsPerBatch) && maxRequestsPerBatch > 0)) throw new InvalidInputError('maxRequestsPerBatch must be a whole number > 0');
  const wanted = new Map<string, ProviderBatchRequest>();
  for (const request of requests) {
    if (request.id === '' || wanted.has(request.id)) throw new InvalidInputError(`batch item ids must be unique and non-empty; ${JSON.stringify(request.id)} is not`);
    wanted.set(request.id, request);
  }

  const ledger = store === undefined ? memoryBatchLedger() : storeBatchLedger(store);
  const summary: ProviderBatchSummary = { submitted: 0, resumed: 0, succeeded: 0, failed: 0, resubmitted: 0 };
  const running: RunningBatch[] = [];

  const claimed = new Set<string>();
  for (const record of ledger.open(passId)) {
    const waiting = new Set(record.itemIds.filter((itemId) => wanted.has(itemId) && !claimed.has(itemId)));
    if (waiting.size === 0) {
      ledger.setStatus(record.id, 'abandoned');
      continue;
    }
    for (const itemId of waiting) claimed.add(itemId);
    running.push({ record, waiting, status: undefined, error: undefined, checkedAtMs: 0 });
    summary.resumed++;
  }

  const submit = async (items: ProviderBatchRequest[], attempt: number) => {
    for (let start = 0; start < items.length; start += maxRequestsPerBatch) {
      const chunk = items.slice(start, start + maxRequestsPerBatch);
      const record = await submitBatch({ batchApi, provider: model.provider, modelId: model.modelId, passId, requests: chunk, attempt, ledger });
      running.push({ record, waiting: new Set(record.itemIds), status: record.status as RunningBatch['status'], error: undefined, checkedAtMs: Date.now() });
      summary.submitted++;
    }
  };
  await submit(requests.filter((request) => !claimed.has(request.id)), 0);

  while (running.length > 0) {
    abortSignal?.throwIfAborted();
    await Promise.all(running.map((batch) => checkStatus(batch, { batchApi, ledger, pollIntervalMs, abortSignal })));
    for (const batch of running.filter((candidate) => candidate.status !== undefined && candidate.status !== 'pending')) {
      let harvest: HarvestResult;
      try {
        harvest = await harvestBatch({
          batchApi,
          record: batch.record,
          waiting: batch.waiting,
          batchError: batch.error,
          price: model.price,
          maxResubmits,
          abortSignal,
          onResult,
        });
      } catch (error) {
        if (!isTransient(error)) throw error;
        // Read again at the next poll; items already handed on have left `waiting`.
        batch.status = 'pending';
        batch.checkedAtMs = Date.now();
        continue;
      }
      summary.succeeded += harvest.succeeded;
      summary.failed += harvest.failed;
      // Recorded as harvested before its leftovers go out again: a crash in between re-sends them
      // on the next run, where the other order could pay for them twice.
      ledger.setStatus(batch.record.id, 'harvested');
      running.splice(running.indexOf(batch), 1);
      if (harvest.resubmit.length > 0) {
        summary.resubmitted += harvest.resubmit.length;
        await submit(harvest.resubmit.map((itemId) => wanted.get(itemId)!), batch.record.attempt + 1);
      }
    }
    if (running.length === 0) break;
    const nextCheckMs = Math.min(...running.map((batch) => (batch.status === undefined ? 0 : batch.checkedAtMs + pollIntervalMs)));
    await abortableDelay(Math.max(0, nextCheckMs - Date.now()), abortSignal);
  }
  return summary;
}

/** Asks for a batch's status when it is due; a transient failure to ask is tried again at the next poll. */
async function checkStatus(
  batch: RunningBatch,
  { batchApi, ledger, pollIntervalMs, abortSignal }: { batchApi: Experimental_BatchV4; ledger: BatchLedger; pollIntervalMs: number; abortSignal: AbortSignal | undefined },
): Promise<void> {
  if (batch.status === 'pending' && Date.now() < batch.checkedAtMs + pollIntervalMs) return;
  if (batch.status !== undefined && batch.status !== 'pending') return;
  try {
    // No retries inside: the next poll is the retry.
    const latest = await getBatchStatus({ provider: batchApi, batch: batch.record.reference, maxRetries: 0, abortSignal });
    batch.status = latest.status;
    batch.error = latest.error;
    if (latest.status !== batch.record.status) {
      ledger.setStatus(batch.record.id, latest.status);
      batch.record = { ...batch.record, status: latest.status };
    }
  } catch (error) {
    if (!isTransient(error)) throw error;
    batch.status = 'pending';
  }
  batch.checkedAtMs = Date.now();
}

/** A provider error worth asking again about later (a batch runs for hours; one failed poll must not end the run). */
function isTransient(error: unknown): boolean {
  return APICallError.isInstance(error) && error.isRetryable;
}
