import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { BudgetGuard } from '../budget/budget-guard.ts';
import type { RequestFingerprint } from '../cache/request-fingerprint.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import type { SecretRedactor } from '../call/secret-redactor.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';
import type { LimiterRegistry } from '../limit/limiter-registry.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import type { CallTarget } from './call-pass-model.ts';
import type { RefusalStreak } from './repeated-refusal.ts';
import type { OutputCap } from '../governed-model/output-cap.ts';
import type { OutputEstimate } from '../governed-model/output-estimate.ts';
import type { PromptFrame } from './render-prompt.ts';
import type { PassStop, PassUsage } from './pass-result.ts';
import type { ResponseSchema } from './response-schema.ts';
import type { ResultWriter, RowFailure } from './result-writer.ts';

const keptFailures = 1000;

/** Everything a running pass shares between its workers. */
export interface PassState {
  passId: string;
  /** The model spec, part of every cache key. */
  modelSpec: string;
  /** The model's base URL, part of every cache key (see `CallTarget`). */
  endpoint: string | undefined;
  languageModel: LanguageModelV4;
  /** The environment variable the pass model's key came from (none for mock and keyless endpoints). */
  keyEnv: string | undefined;
  /** The pass model's provider charges `max_tokens` up front (see `CallTarget`). */
  chargesMaxTokensUpFront: boolean;
  /** The response cache, unless the pass turned it off. */
  cache: ResponseCache | undefined;
  /** Cache keys of single-row and batched requests. */
  fingerprints: { single: RequestFingerprint; batch: RequestFingerprint };
  budget: BudgetGuard;
  costOf: (inputTokens: number, outputTokens: number) => number | undefined;
  frame: PromptFrame;
  schema: ResponseSchema;
  placeholders: readonly string[];
  /** Folder that `file` columns are relative to, when rows are files whose content goes in the prompt. */
  fileRoot: string | undefined;
  maxFileBytes: number;
  maxAttempts: number;
  timeoutMs: number;
  stream: boolean;
  firstTokenTimeoutMs: number;
  maxOutputTokens: number | undefined;
  /** Swarm's own output cap, for a provider that charges it up front when `maxOutputTokens` is unset. */
  outputCap: OutputCap | undefined;
  writer: ResultWriter;
  limiter: KeyLimiter;
  limiterKey: string;
  /** For row workers that call other models (a user simulator): their targets, by spec. */
  otherModels: Map<string, CallTarget>;
  limiters: LimiterRegistry;
  config: SwarmConfig;
  env: Record<string, string | undefined>;
  /** Removes the Swarm's API keys from error messages. */
  secrets: SecretRedactor;
  /** Output tokens expected per row, for reserving tokens and budget before a call; follows the answers. */
  outputEstimate: OutputEstimate;
  /** Calls refused the same way in a row, to stop a pass the provider refuses whole (see `noteCallOutcome`). */
  refusals: RefusalStreak;
  events: EventBus;
  /** Aborted when the pass stops for any reason; every call listens to it. */
  signal: AbortSignal;
  stop(stop: PassStop): void;
  stopped: PassStop | undefined;
  completed: number;
  failed: number;
  failures: RowFailure[];
  usage: PassUsage;
}

/** Counts a failure and keeps the first ones for the pass result. */
export function recordFailure(state: PassState, failure: RowFailure): void {
  state.failed++;
  if (state.failures.length < keptFailures) state.failures.push(failure);
  state.writer.failed(failure);
  state.events.emit({ type: 'row-end', passId: state.passId, rowId: failure.id, status: 'failed', error: failure.error, errorClass: failure.errorClass });
}

/** Counts an answered row and queues its columns for the store. */
export function recordDone(state: PassState, rowId: string, output: Record<string, unknown>): void {
  state.completed++;
  state.writer.done(rowId, output);
  if (state.events.active) state.events.emit({ type: 'row-end', passId: state.passId, rowId, status: 'done' });
}
