import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { BudgetGuard } from '../budget/budget-guard.ts';
import type { RequestFingerprint } from '../cache/request-fingerprint.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';
import type { LimiterRegistry } from '../limit/limiter-registry.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import type { CallTarget } from './call-pass-model.ts';
import type { RefusalStreak } from './repeated-refusal.ts';
import type { OutputCap } from '../governed-model/output-cap.ts';
import type { OutputEstimate } from '../governed-model/output-estimate.ts';
import type { PromptFrame } from './render-prompt.ts';
import type { PassRun } from './pass-run.ts';
import type { ResponseSchema } from './response-schema.ts';

/** Everything a running model pass shares between its workers. */
export interface PassState extends PassRun {
  /** The model spec, part of every cache key. */
  modelSpec: string;
  /** The model's base URL, part of every cache key (see `CallTarget`). */
  endpoint: string | undefined;
  languageModel: LanguageModelV4;
  /** The environment variable the pass model's key came from (none for mock and keyless endpoints). */
  keyEnv: string | undefined;
  /** The pass model's provider charges `max_tokens` up front (see `CallTarget`). */
  chargesMaxTokensUpFront: boolean;
  /** Cache keys of single-row and batched requests. */
  fingerprints: { single: RequestFingerprint; batch: RequestFingerprint };
  budget: BudgetGuard;
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
  limiter: KeyLimiter;
  limiterKey: string;
  /** For row workers that call other models (a user simulator): their targets, by spec. */
  otherModels: Map<string, CallTarget>;
  limiters: LimiterRegistry;
  config: SwarmConfig;
  env: Record<string, string | undefined>;
  /** Output tokens expected per row, for reserving tokens and budget before a call; follows the answers. */
  outputEstimate: OutputEstimate;
  /** Calls refused the same way in a row, to stop a pass the provider refuses whole (see `noteCallOutcome`). */
  refusals: RefusalStreak;
}
