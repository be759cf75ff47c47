import { createBudgetGuard } from '../budget/budget-guard.ts';
import { responseCache } from '../cache/response-cache.ts';
import { costOf } from '../model/cost-of.ts';
import type { SwarmContext } from '../context/swarm-context.ts';
import { limiterForModel } from '../pass/model-limiter.ts';
import { runBatchMode } from '../worker-kinds/provider-batch/run-batch-mode.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { PassState } from '../pass/pass-state.ts';
import { guessOutputTokensPerRow } from '../pass/response-schema.ts';
import { createOutputCap } from '../governed-model/output-cap.ts';
import { createOutputEstimate } from '../governed-model/output-estimate.ts';
import { preparePass } from '../pass/prepare-pass.ts';
import type { RunOptions } from '../pass/run-options.ts';
import type { EnginePassOptions } from '../pass/engine-pass-options.ts';
import { longestProviderWaitMs } from '../governed-model/longest-provider-wait.ts';
import { ProviderWaitError } from '../governed-model/provider-wait-error.ts';
import { schemaWarnings } from '../pass/schema-warnings.ts';
import { commandKind } from '../worker-kinds/command/command-kind.ts';
import { functionKind } from '../worker-kinds/function/function-kind.ts';
import { structuredKind } from '../worker-kinds/structured/structured-kind.ts';
import type { WorkerKind } from '../worker-kinds/worker-kind.ts';
import { agentKind } from '../worker-kinds/agent/agent-kind.ts';
import { openAgentRun } from '../worker-kinds/agent/open-agent-run.ts';
import { runLeasedPass } from './run-leased-pass.ts';

/**
 * Runs a pass over a table: checks everything first (schema, placeholders, filter, model or
 * command, column ownership), then dispatches the unanswered matching rows with at most
 * `concurrency` calls (or commands) in flight, committing each result as it arrives. `engine`:
 * settings only Swarm's own callers give (see `EnginePassOptions`).
 */
export async function runPass(swarm: SwarmContext, tableId: string, options: RunOptions, engine?: EnginePassOptions): Promise<PassResult> {
  const { store } = swarm;
  const pass = preparePass(swarm, tableId, options, engine);
  if (pass.command !== undefined) {
    return runLeasedPass(swarm, pass, { model: 'command', priced: false }, (run) => ({ kind: commandKind(run, pass) }));
  }

  const { schema, model, concurrency } = pass;
  const cache = pass.cache ? responseCache(store) : undefined;
  const { limiter, limiterKey } = limiterForModel(swarm, model, concurrency);
  // A key the provider holds for longer than a pass waits (a daily quota) stops it before it starts.
  const parkedUntil = limiter.snapshot().parkedUntil;
  if (parkedUntil !== undefined && parkedUntil - Date.now() > longestProviderWaitMs) {
    throw new ProviderWaitError(parkedUntil);
  }

  return runLeasedPass(swarm, pass, { model: model.spec, limiterKey, priced: model.price !== undefined }, async (run) => {
    // The model's settings join the run's shared state: the same object, so that a stop is seen by all.
    const state: PassState = Object.assign(run, {
      cache,
      costOf: (inputTokens: number, outputTokens: number) => costOf({ inputTokens, outputTokens }, model.price),
      modelSpec: model.spec,
      endpoint: model.endpoint,
      languageModel: model.languageModel,
      keyEnv: model.keyEnv,
      chargesMaxTokensUpFront: model.chargesMaxTokensUpFront === true,
      fingerprints: pass.fingerprints,
      budget: createBudgetGuard(store, pass.passId, pass.budget),
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
      limiters: swarm.limiters,
      config: swarm.config,
      env: swarm.env,
      // A first guess from the schema's size; replaced by a running average of real answers.
      outputEstimate: createOutputEstimate({ initialPerRow: guessOutputTokensPerRow(schema) }),
      refusals: { key: undefined, count: 0 },
    });
    const rowWorker = pass.worker;
    let kind: WorkerKind<unknown>;
    let close: (() => Promise<void>) | undefined;
    if (pass.agent !== undefined) {
      const agent = await openAgentRun(swarm, pass, state);
      close = agent.close;
      kind = agentKind(state, agent.run);
    } else kind = rowWorker === undefined ? structuredKind(state) : functionKind(state, rowWorker, pass.instruction);
    return {
      kind,
      close,
      warnings: rowWorker === undefined ? schemaWarnings(model.languageModel.provider, schema, { batched: pass.batchSize !== 1 }) : [],
      // Batch mode answers every dispatch's first call through the provider's batch API; what needs
      // another call comes back as rows for the online workers.
      before:
        pass.mode === 'batch' && rowWorker === undefined
          ? (dispatches) => runBatchMode(state, { store, model, dispatches, pollIntervalMs: pass.batchPollIntervalMs })
          : undefined,
    };
  });
}
