import { batchEndMs, batchItemState, countItemStates } from '../batch/batch-item-state.ts';
import type { BatchRegistry, SimulatedFile } from '../batch/create-batch-registry.ts';
import type { SimulatedBatch } from '../batch/simulated-batch.ts';
import { googleAnswerBody } from './google-answer-body.ts';
import { googleDialect } from './google-dialect.ts';

const batchType = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch';
const outputType = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput';

/** How long Gemini keeps uploaded and result files. */
export const googleFileLifetimeMs = 48 * 3_600_000;

/** The batch's long-running operation at `nowMs`; once ended, done with its output. */
export function googleBatchOperation(batch: SimulatedBatch, nowMs: number, registry: BatchRegistry, { creating = false } = {}) {
  const endMs = batchEndMs(batch);
  const ended = !creating && nowMs >= endMs;
  const counts = countItemStates(batch, nowMs);
  const cancelled = batch.cancelledMs !== undefined && batch.cancelledMs < batch.deadlineMs;
  const state =
    creating ? 'BATCH_STATE_PENDING'
    : !ended ? 'BATCH_STATE_RUNNING'
    : cancelled ? 'BATCH_STATE_CANCELLED'
    : counts.expired > 0 ? 'BATCH_STATE_EXPIRED'
    : 'BATCH_STATE_SUCCEEDED';
  const iso = (ms: number) => new Date(ms).toISOString();
  const metadata = {
    '@type': batchType,
    model: `models/${batch.model}`,
    displayName: batch.details.displayName,
    ...(batch.details.inputFile === undefined ? {} : { inputConfig: { fileName: batch.details.inputFile } }),
    createTime: iso(batch.createdMs),
    ...(ended ? { endTime: iso(endMs) } : {}),
    updateTime: iso(ended ? endMs : nowMs),
    batchStats: {
      requestCount: String(batch.items.length),
      ...(counts.succeeded > 0 ? { successfulRequestCount: String(counts.succeeded) } : {}),
      ...(counts.errored > 0 ? { failedRequestCount: String(counts.errored) } : {}),
      ...(counts.processing > 0 ? { pendingRequestCount: String(counts.processing) } : {}),
    },
    state,
    name: batch.id,
  };
  if (!ended) return { name: batch.id, metadata };
  // The output is in the batch (`metadata.output`, what @google/genai reads) and in the
  // operation's `response` (what the REST docs read); the AI SDK reads either.
  const batchOutput = output(batch, endMs, registry);
  return { name: batch.id, metadata: { ...metadata, output: batchOutput }, done: true, response: { '@type': outputType, ...batchOutput } };
}

// The output is written once, when the batch is first seen ended.
const outputs = new WeakMap<SimulatedBatch, Record<string, unknown>>();

function output(batch: SimulatedBatch, endMs: number, registry: BatchRegistry): Record<string, unknown> {
  let written = outputs.get(batch);
  if (written !== undefined) return written;
  // Each result repeats its request's inlined `metadata` or its line's `key`, when it had one.
  const echoes = batch.details.echoes as Array<Record<string, unknown>>;
  const results = batch.items.flatMap((item, index): Array<Record<string, unknown>> => {
    const { outcome } = item;
    const state = batchItemState(batch, item, endMs);
    if (state === 'succeeded' && outcome.kind === 'answer') return [{ ...echoes[index], response: googleAnswerBody(outcome.call, outcome.answer) }];
    if (state === 'errored' && outcome.kind === 'error') {
      const body = googleDialect.errorReply(outcome.error, endMs).body as { error: unknown };
      return [{ ...echoes[index], error: body.error }];
    }
    return [];
  });
  if (batch.details.inputFile === undefined) {
    written = { inlinedResponses: { inlinedResponses: results } };
  } else {
    const text = results.map((result) => `${JSON.stringify(result)}\n`).join('');
    const file: SimulatedFile = {
      id: `batch-${batch.id.replace(/^batches\//, '')}`,
      provider: 'google',
      apiKey: batch.apiKey,
      filename: `${batch.details.displayName as string}-output`,
      purpose: 'batch-output',
      createdMs: endMs,
      expiresMs: endMs + googleFileLifetimeMs,
      content: () => text,
    };
    registry.putFile(file);
    written = { responsesFile: `files/${file.id}` };
  }
  outputs.set(batch, written);
  return written;
}
