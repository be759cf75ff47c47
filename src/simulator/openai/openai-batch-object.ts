import { batchEndMs, batchItemState, countItemStates } from '../batch/batch-item-state.ts';
import type { BatchRegistry, SimulatedFile } from '../batch/create-batch-registry.ts';
import type { SimulatedBatch, SimulatedBatchItem } from '../batch/simulated-batch.ts';
import { randomId } from '../random-id.ts';
import { openaiBatchEndpoints } from './openai-batch-endpoints.ts';
import { openaiDialect } from './openai-dialect.ts';
import { openaiRequestId } from './openai-request-id.ts';

const completionWindowMs = 24 * 3_600_000;

/** The batch object at `nowMs`; the output and error files are written the first time it is seen ended. */
export function openaiBatchObject(batch: SimulatedBatch, nowMs: number, registry: BatchRegistry, { creating = false, cancelling = false } = {}) {
  const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.floor(ms / 1000));
  const failure = batch.details.failure as { code: string; message: string; line: number | null } | undefined;
  const counts = countItemStates(batch, nowMs);
  const endMs = batchEndMs(batch);
  const ended = nowMs >= endMs;
  const cancelled = batch.cancelledMs !== undefined && batch.cancelledMs < batch.deadlineMs;
  const status =
    failure !== undefined ? 'failed'
    : creating ? 'validating'
    : !ended ? (cancelling || cancelled ? 'cancelling' : 'in_progress')
    : cancelled ? 'cancelled'
    : counts.expired > 0 ? 'expired'
    : 'completed';
  const files = ended && failure === undefined ? outputFiles(batch, endMs, registry) : { output: undefined, error: undefined };
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.details.endpoint,
    errors: failure === undefined ? null : { object: 'list', data: [{ ...failure, param: null }] },
    input_file_id: batch.details.inputFileId,
    completion_window: '24h',
    status,
    output_file_id: files.output ?? null,
    error_file_id: files.error ?? null,
    created_at: seconds(batch.createdMs),
    in_progress_at: creating || failure !== undefined ? null : seconds(batch.createdMs),
    expires_at: seconds(batch.createdMs + completionWindowMs),
    finalizing_at: ended && failure === undefined ? seconds(endMs) : null,
    completed_at: status === 'completed' ? seconds(endMs) : null,
    failed_at: failure !== undefined ? seconds(batch.createdMs) : null,
    expired_at: status === 'expired' ? seconds(endMs) : null,
    cancelling_at: seconds(batch.cancelledMs),
    cancelled_at: status === 'cancelled' ? seconds(endMs) : null,
    request_counts: {
      total: batch.items.length,
      completed: counts.succeeded,
      failed: counts.errored + counts.expired + counts.cancelled,
    },
    metadata: batch.details.metadata ?? null,
  };
}

// Written once per batch, when it is first seen ended: from then on every item's line is final.
const writtenFiles = new WeakMap<SimulatedBatch, { output: string | undefined; error: string | undefined }>();

function outputFiles(batch: SimulatedBatch, endMs: number, registry: BatchRegistry) {
  let files = writtenFiles.get(batch);
  if (files !== undefined) return files;
  const outputLines: string[] = [];
  const errorLines: string[] = [];
  for (const item of batch.items) {
    const line = resultLine(batch, item, endMs);
    (line.ok ? outputLines : errorLines).push(JSON.stringify(line.value));
  }
  const write = (lines: string[], suffix: string) => {
    if (lines.length === 0) return undefined;
    const text = `${lines.join('\n')}\n`;
    const file: SimulatedFile = {
      id: `file-${randomId(22)}`,
      provider: 'openai',
      apiKey: batch.apiKey,
      filename: `${batch.id}_${suffix}.jsonl`,
      purpose: 'batch_output',
      createdMs: endMs,
      expiresMs: undefined,
      content: () => text,
    };
    registry.putFile(file);
    return file.id;
  };
  files = { output: write(outputLines, 'output'), error: write(errorLines, 'error') };
  writtenFiles.set(batch, files);
  return files;
}

/** One item's line: in the output file when it was answered, else in the error file. */
function resultLine(batch: SimulatedBatch, item: SimulatedBatchItem, endMs: number): { ok: boolean; value: unknown } {
  const base = { id: `batch_req_${randomId(32)}`, custom_id: item.customId };
  const response = (statusCode: number, body: unknown) => ({ status_code: statusCode, request_id: openaiRequestId(), body });
  const { outcome } = item;
  const state = batchItemState(batch, item, endMs);
  if (state === 'succeeded' && outcome.kind === 'answer') {
    const endpoint = openaiBatchEndpoints[batch.details.endpoint as string]!;
    return { ok: true, value: { ...base, response: response(200, endpoint.answerBody(outcome.call, outcome.answer)), error: null } };
  }
  if (state === 'errored' && outcome.kind === 'error') {
    const reply = openaiDialect.errorReply(outcome.error, endMs);
    return { ok: false, value: { ...base, response: response(reply.status, reply.body), error: null } };
  }
  const error =
    state === 'cancelled'
      ? { code: 'batch_cancelled', message: 'This request was not executed because the batch was cancelled.' }
      : { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' };
  return { ok: false, value: { ...base, response: null, error } };
}
