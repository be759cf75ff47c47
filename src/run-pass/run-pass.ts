import { createBudgetGuard } from '../budget/budget-guard.ts';
import { responseCache } from '../cache/response-cache.ts';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { limiterForModel } from '../pass/model-limiter.ts';
import { runBatchMode } from '../worker-kinds/provider-batch/run-batch-mode.ts';
import type { PassResult } from '../pass/pass-result.ts';
import { preparePass } from '../pass/prepare-pass.ts';
import type { RunOptions } from '../pass/run-options.ts';
import type { EnginePassOptions } from '../pass/engine-pass-options.ts';
import { longestProviderWaitMs } from '../governed-model/longest-provider-wait.ts';
import { ProviderWaitError } from '../governed-model/provider-wait-error.ts';
import { schemaWarnings } from '../pass/schema-warnings.ts';
import { commandKind } from '../worker-kinds/command/command-kind.ts';
import { rowKind } from '../worker-kinds/row-kind.ts';
import type { WorkerKind } from '../worker-kinds/worker-kind.ts';
import { agentKind } from '../worker-kinds/agent/agent-kind.ts';
import { openAgentRun } from '../worker-kinds/agent/open-agent-run.ts';
import { createModelPassState } from './model-pass-state.ts';
import type { PassBackend } from './pass-backend.ts';
import { poolPassWork } from './pool-pass-work.ts';
import { runLeasedPass } from './run-leased-pass.ts';

/**
 * Runs a pass over a table: checks everything first (schema, placeholders, filter, model or
 * command, column ownership), then dispatches the unanswered matching rows with at most
 * `concurrency` calls (or commands) in flight, committing each result as it arrives. `engine`:
 * settings only Swarm's own callers give (see `EnginePassOptions`). `backend`: where the
 * dispatches are answered, when not in this process (see `PassBackend`).
 */
export async function runPass(swarm: SwarmContext, tableId: string, options: RunOptions, engine?: EnginePassOptions, backend?: PassBackend): Promise<PassResult> {
  if (backend !== undefined) return runPassOn(backend, swarm, tableId, options, engine);
  const { store } = swarm;
  const pass = preparePass(swarm, tableId, options, engine);
  const rows = pass.matched - pass.skipped;
  if (pass.command !== undefined) {
    return runLeasedPass(swarm, pass, { model: 'command', priced: false }, (run) => poolPassWork(commandKind(run, pass), { run, concurrency: pass.concurrency, rows }));
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
    const state = createModelPassState(run, pass, {
      cache,
      budget: createBudgetGuard(store, pass.passId, pass.budget),
      limiter,
      limiterKey,
      limiters: swarm.limiters,
      config: swarm.config,
      env: swarm.env,
    });
    const rowWorker = pass.worker;
    let kind: WorkerKind<unknown>;
    let close: (() => Promise<void>) | undefined;
    if (pass.agent !== undefined) {
      const agent = await openAgentRun({ env: swarm.env, loops: store.agentLoops }, pass, state);
      close = agent.close;
      kind = agentKind(state, agent.run);
    } else kind = rowKind(state, rowWorker, pass.instruction);
    return poolPassWork(kind, {
      run,
      concurrency,
      rows,
      close,
      warnings: rowWorker === undefined ? schemaWarnings(model.languageModel.provider, schema, { batched: pass.batchSize !== 1 }) : [],
      // Batch mode answers every dispatch's first call through the provider's batch API; what needs
      // another call comes back as rows for the online workers.
      before:
        pass.mode === 'batch' && rowWorker === undefined
          ? (dispatches) => runBatchMode(state, { store, model, dispatches, pollIntervalMs: pass.batchPollIntervalMs })
          : undefined,
    });
  });
}

/**
 * Runs a pass whose dispatches a backend's workers answer: checked here like any pass (the model
 * needs no key here: workers use their own), its results committed here as they come back.
 */
async function runPassOn(backend: PassBackend, swarm: SwarmContext, tableId: string, options: RunOptions, engine: EnginePassOptions = {}): Promise<PassResult> {
  const pass = preparePass(swarm, tableId, options, { ...engine, keysOnWorkers: true });
  if (pass.model !== undefined && pass.mode === 'batch') {
    throw new InvalidInputError(`mode "batch" runs in this process (the provider's batch API needs no workers): leave out the ${backend.name} backend`);
  }
  backend.check({ pass, options, engine });
  const answerer = pass.model === undefined ? { model: 'command', priced: false } : { model: pass.model.spec, priced: pass.model.price !== undefined };
  return runLeasedPass(swarm, pass, answerer, (run) => backend.openWork({ swarm, pass, options, engine, run }));
}
