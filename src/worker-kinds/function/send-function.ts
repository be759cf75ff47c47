import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import { dropNullOptionals } from '../../provider-schema/drop-null-optionals.ts';
import { autoConcurrencyCap, limiterForModel, limiterKeyOf } from '../../pass/model-limiter.ts';
import { createOutputCap } from '../../governed-model/output-cap.ts';
import { costOf } from '../../model/cost-of.ts';
import { resolveModel } from '../../model/resolve-model.ts';
import { callPassModel, type CallTarget } from '../../pass/call-pass-model.ts';
import { PassStoppedError } from '../../pass/pass-stopped-error.ts';
import type { PassState } from '../../pass/pass-state.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { fillInstruction } from '../../pass/instruction-template.ts';
import { recordAnsweredCall } from '../../recorder/record-answered-call.ts';
import { noteCallOutcome } from '../../pass/repeated-refusal.ts';
import type { ChatMessage, RowWorker, RowWorkerTools } from '../../pass/row-worker.ts';
import { WorkerCallError } from '../../pass/worker-call-error.ts';
import type { FunctionRun } from './function-run.ts';

/**
 * Runs a row worker for one row. Its calls go through the same limiter, budget, cache and retries
 * as any pass call, and each is recorded as an attempt.
 */
export async function sendFunction(state: PassState, worker: RowWorker, row: PendingRow, instruction: string): Promise<FunctionRun> {
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
  try {
    return { row, output: await worker(row.data, tools) };
  } catch (error) {
    return { row, error, calls };
  }
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
