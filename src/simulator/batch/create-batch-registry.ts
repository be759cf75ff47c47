import type { ProviderDialect } from '../provider-dialect.ts';
import type { ProviderName } from '../provider-name.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import type { SimulatorContext } from '../simulator-context.ts';
import type { BatchCounts } from './batch-counts.ts';
import { batchEndMs, batchItemState } from './batch-item-state.ts';
import type { CompleteBatchSettings } from './complete-batch-settings.ts';
import { drawItemOutcome } from './draw-item-outcome.ts';
import type { SimulatedBatch } from './simulated-batch.ts';

/** What batches are billed at, as a fraction of the online price: half, at all three providers. */
export const batchPriceFactor = 0.5;

/** A file held by a simulated Files API (OpenAI batch input and output, Gemini uploads and results). */
export interface SimulatedFile {
  id: string;
  provider: ProviderName;
  apiKey: string;
  filename: string;
  /** Gemini: the MIME type given at upload. */
  mimeType?: string;
  purpose: string;
  createdMs: number;
  expiresMs: number | undefined;
  /** The content, read when downloaded (output files are written from their batch's state). */
  content(): string;
}

/** The batches and files of one simulator, per provider and API key, with their counts. */
export interface BatchRegistry {
  readonly settings: CompleteBatchSettings;
  /** Creates a batch, processing every item now; a string call is a request that could not be read. */
  create(input: {
    dialect: ProviderDialect;
    id: string;
    apiKey: string;
    model: string;
    requests: Array<{ customId: string; call: SimulatedCall | string }>;
    details?: Record<string, unknown>;
    nowMs: number;
  }): SimulatedBatch;
  /** The batch with this id, if the key created it. */
  find(provider: ProviderName, apiKey: string, id: string): SimulatedBatch | undefined;
  /** The key's batches, newest first. */
  list(provider: ProviderName, apiKey: string): SimulatedBatch[];
  /** Asks for a batch to be cancelled (no effect once it has ended). */
  cancel(batch: SimulatedBatch, nowMs: number): void;
  putFile(file: SimulatedFile): void;
  /** The file with this id, if the key uploaded or was given it. */
  findFile(provider: ProviderName, apiKey: string, id: string): SimulatedFile | undefined;
  /** The counts per provider, ended batches included. */
  snapshot(nowMs: number): Record<ProviderName, BatchCounts>;
}

/** An empty registry processing items with `context`'s faults and answers. */
export function createBatchRegistry(settings: CompleteBatchSettings, context: SimulatorContext): BatchRegistry {
  const batches: SimulatedBatch[] = [];
  const files = new Map<string, SimulatedFile>();
  const counts: Record<ProviderName, BatchCounts> = { openai: emptyCounts(), anthropic: emptyCounts(), google: emptyCounts() };
  const settled = new WeakSet<SimulatedBatch>();

  // Items are counted once, when their batch has ended and their fate is final (an item's state
  // depends only on the clock, so counting at snapshot time is exact).
  const settle = (batch: SimulatedBatch, nowMs: number) => {
    if (settled.has(batch) || nowMs < batchEndMs(batch)) return;
    settled.add(batch);
    const providerCounts = counts[batch.provider];
    for (const item of batch.items) {
      const state = batchItemState(batch, item, nowMs);
      if (state === 'processing') continue;
      providerCounts[state]++;
      if (state === 'succeeded' && item.outcome.kind === 'answer') {
        const { inputTokens, outputTokens } = item.outcome.answer;
        providerCounts.inputTokens += inputTokens;
        providerCounts.outputTokens += outputTokens;
        providerCounts.billedInputTokens += inputTokens * batchPriceFactor;
        providerCounts.billedOutputTokens += outputTokens * batchPriceFactor;
      }
    }
  };

  return {
    settings,
    create({ dialect, id, apiKey, model, requests, details = {}, nowMs }) {
      const { completeAfterMs, expireFraction } = settings;
      const items = requests.map(({ customId, call }, index) => {
        const outcome = drawItemOutcome(context, dialect, call, { expireFraction, nowMs });
        const finishMs = outcome.kind === 'expire' ? Infinity : nowMs + (completeAfterMs * (index + 1)) / requests.length;
        return { customId, outcome, finishMs };
      });
      const batch: SimulatedBatch = {
        id,
        provider: dialect.provider,
        apiKey,
        model,
        createdMs: nowMs,
        deadlineMs: nowMs + completeAfterMs,
        cancelledMs: undefined,
        items,
        details,
      };
      batches.push(batch);
      counts[batch.provider].created++;
      counts[batch.provider].requests += items.length;
      return batch;
    },
    find(provider, apiKey, id) {
      return batches.find((batch) => batch.id === id && batch.provider === provider && batch.apiKey === apiKey);
    },
    list(provider, apiKey) {
      return batches.filter((batch) => batch.provider === provider && batch.apiKey === apiKey).reverse();
    },
    cancel(batch, nowMs) {
      if (batch.cancelledMs === undefined && nowMs < batchEndMs(batch)) batch.cancelledMs = nowMs;
    },
    putFile(file) {
      files.set(file.id, file);
    },
    findFile(provider, apiKey, id) {
      const file = files.get(id);
      return file !== undefined && file.provider === provider && file.apiKey === apiKey ? file : undefined;
    },
    snapshot(nowMs) {
      for (const batch of batches) settle(batch, nowMs);
      return structuredClone(counts);
    },
  };
}

function emptyCounts(): BatchCounts {
  return {
    created: 0,
    requests: 0,
    succeeded: 0,
    errored: 0,
    expired: 0,
    cancelled: 0,
    inputTokens: 0,
    outputTokens: 0,
    billedInputTokens: 0,
    billedOutputTokens: 0,
  };
}
