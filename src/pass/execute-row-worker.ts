import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { dropNullOptionals } from '../provider-schema/drop-null-optionals.ts';
import { autoConcurrencyCap, limiterForModel, limiterKeyOf } from './model-limiter.ts';
import { createOutputCap } from '../governed-model/output-cap.ts';
import { costOf } from '../model/cost-of.ts';
import { resolveModel } from '../model/resolve-model.ts';
import { callPassModel, type CallTarget } from './call-pass-model.ts';
import { PassStoppedError } from './pass-stopped-error.ts';
import { recordDone, recordFailure, type PassState } from './pass-state.ts';
import type { PendingRow } from './plan-dispatches.ts';
import { fillInstruction } from './instruction-template.ts';
import { recordAnsweredCall } from './record-answered-call.ts';
import { noteCallOutcome } from './repeated-refusal.ts';
import { describeValidationErrors } from './response-schema.ts';
import type { ChatMessage, RowWorker, RowWorkerTools } from './row-worker.ts';
import { WorkerCallError } from './worker-call-error.ts';

/**
 * Runs a row worker for one row. Its calls go through the same limiter, budget, cache and retries
 * as any pass call, and each is recorded as an attempt. What it returns is validated against the
 * pass's schema and committed as the row's columns; a worker that throws fails the row, unless
 * the pass is stopping, in which case the row stays pending.
 */
export async function executeRowWorker(state: PassState, worker: RowWorker, row: PendingRow, instruction: string): Promise<void> {
  let calls = 0;
  const tools: RowWorkerTools = {
    prompt: fillInstruction(instruction, row.data),
    signal: state.signal,
    async call(messages, { schema, maxTokens, model } = {}) {
      const target = model === undefined ? state : targetFor(state, model);
      const outcome = await callPassModel(state, {
        rowIds: [row.id],
        prompt: toPrompt(messages),
        schema: schema as Record<string, unknown> | undefined,
        target,
        maxOutputTokens: maxTokens ?? state.maxOutputTokens,
      });
      noteCallOutcome(state, outcome, target.modelSpec);
      if (outcome.kind === 'stopped') throw new PassStoppedError();
      if (outcome.kind === 'failed') throw new WorkerCallError(outcome.error);
      calls++;
      recordAnsweredCall(state, { rowIds: [row.id], outcome, costOf: target.costOf });
      return answerText(outcome.result.text, schema);
    },
  };
  let output: Record<string, unknown>;
  try {
    output = await worker(row.data, tools);
  } catch (error) {
    if (error instanceof PassStoppedError || state.signal.aborted) return;
    if (error instanceof WorkerCallError) {
      recordFailure(state, { id: row.id, error: error.message, errorClass: error.classified.errorClass });
      return;
    }
    recordFailure(state, { id: row.id, error: state.secrets.redact(`worker failed after ${calls} calls: ${(error as Error)?.message ?? String(error)}`), errorClass: 'worker-error' });
    return;
  }
  if (output === null || typeof output !== 'object' || Array.isArray(output)) {
    recordFailure(state, { id: row.id, error: 'the worker returned no object of columns', errorClass: 'worker-error' });
    return;
  }
  if (!state.schema.validate(output)) {
    recordFailure(state, {
      id: row.id,
      error: `the worker's columns do not match the schema: ${describeValidationErrors(state.schema.validate)}`,
      errorClass: 'invalid-output',
      rawOutput: JSON.stringify(output),
    });
    return;
  }
  const columns: Record<string, unknown> = {};
  for (const field of state.schema.fields) if (field in output) columns[field] = output[field];
  recordDone(state, row.id, columns);
}

function toPrompt(messages: ChatMessage[]): LanguageModelV4Prompt {
  return messages.map((message) =>
    message.role === 'system'
      ? { role: 'system' as const, content: message.content }
      : { role: message.role, content: [{ type: 'text' as const, text: message.content }] },
  );
}

function targetFor(state: PassState, spec: string): CallTarget {
  let target = state.otherModels.get(spec);
  if (target === undefined) {
    const model = resolveModel(spec, { config: state.config, env: state.env, secrets: state.secrets });
    // The key's limiter as it stands when a pass already uses it (its cap is that pass's `concurrency`).
    const existing = state.limiters.find(limiterKeyOf(model));
    const { limiter, limiterKey } = existing === undefined ? limiterForModel(state, model, autoConcurrencyCap) : { limiter: existing, limiterKey: limiterKeyOf(model) };
    target = {
      modelSpec: model.spec,
      endpoint: model.endpoint,
      languageModel: model.languageModel,
      keyEnv: model.keyEnv,
      chargesMaxTokensUpFront: model.chargesMaxTokensUpFront === true,
      // A worker's calls to another model answer free text: the larger starting cap.
      outputCap: model.chargesMaxTokensUpFront === true ? createOutputCap({ initialPerRow: 1024 }) : undefined,
      limiter,
      limiterKey,
      costOf: (inputTokens, outputTokens) => costOf({ inputTokens, outputTokens }, model.price),
    };
    state.otherModels.set(spec, target);
  }
  return target;
}

/**
 * A structured answer as the worker's schema reads it: the nulls a provider's strict form allowed
 * for optional properties taken out (see `dropNullOptionals`). Text that is not JSON comes as it is.
 */
function answerText(text: string, schema: object | undefined): string {
  if (schema === undefined || !text.includes('null')) return text;
  const parsed = parseUntrustedJson(text);
  return parsed.ok ? JSON.stringify(dropNullOptionals(parsed.value, schema)) : text;
}
