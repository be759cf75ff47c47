import type { BudgetGuard } from '../budget/budget-guard.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { createOutputCap } from '../governed-model/output-cap.ts';
import { createOutputEstimate } from '../governed-model/output-estimate.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';
import type { LimiterRegistry } from '../limit/limiter-registry.ts';
import { costOf } from '../model/cost-of.ts';
import type { PassRun } from '../pass/pass-run.ts';
import type { PassState } from '../pass/pass-state.ts';
import type { PreparedModelPass } from '../pass/prepared-pass.ts';
import { guessOutputTokensPerRow } from '../pass/response-schema.ts';

/** The settings of a model pass its running state is made from: what a worker of another process gets too. */
export type ModelPassSettings = Pick<
  PreparedModelPass,
  | 'passId'
  | 'model'
  | 'schema'
  | 'instruction'
  | 'context'
  | 'placeholders'
  | 'frame'
  | 'fileRoot'
  | 'maxFileBytes'
  | 'maxAttempts'
  | 'timeoutMs'
  | 'stream'
  | 'firstTokenTimeoutMs'
  | 'maxOutputTokens'
  | 'worker'
  | 'agent'
  | 'fingerprints'
>;

/**
 * Joins a model pass's settings to its run's shared state: the same object, so that a stop is seen
 * by every worker. The limiter, budget and cache are the process's (or, on a backend's worker,
 * shared through its store).
 */
export function createModelPassState(
  run: PassRun,
  pass: ModelPassSettings,
  {
    cache,
    budget,
    limiter,
    limiterKey,
    limiters,
    config,
    env,
  }: {
    cache: ResponseCache | undefined;
    budget: BudgetGuard;
    limiter: KeyLimiter;
    limiterKey: string;
    limiters: LimiterRegistry;
    config: SwarmConfig;
    env: Record<string, string | undefined>;
  },
): PassState {
  const { model, schema } = pass;
  return Object.assign(run, {
    cache,
    costOf: (inputTokens: number, outputTokens: number) => costOf({ inputTokens, outputTokens }, model.price),
    modelSpec: model.spec,
    endpoint: model.endpoint,
    languageModel: model.languageModel,
    keyEnv: model.keyEnv,
    chargesMaxTokensUpFront: model.chargesMaxTokensUpFront === true,
    fingerprints: pass.fingerprints,
    budget,
    frame: pass.frame,
    schema,
    placeholders: pass.placeholders,
    fileRoot: pass.fileRoot,
    maxFileBytes: pass.maxFileBytes,
    maxAttempts: pass.maxAttempts,
    timeoutMs: pass.timeoutMs,
    stream: pass.stream,
    firstTokenTimeoutMs: pass.firstTokenTimeoutMs,
    maxOutputTokens: pass.maxOutputTokens,
    outputCap:
      model.chargesMaxTokensUpFront === true && pass.maxOutputTokens === undefined
        ? createOutputCap({ initialPerRow: pass.worker === undefined ? Math.max(256, 3 * guessOutputTokensPerRow(schema)) : 1024 })
        : undefined,
    limiter,
    limiterKey,
    otherModels: new Map(),
    limiters,
    config,
    env,
    // A first guess from the schema's size; replaced by a running average of real answers.
    outputEstimate: createOutputEstimate({ initialPerRow: guessOutputTokensPerRow(schema) }),
    refusals: { key: undefined, count: 0 },
  });
}
