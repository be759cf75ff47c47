import { createBudgetGuard } from '../budget/budget-guard.ts';
import { responseCache, type ResponseCache } from '../cache/response-cache.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';
import { costOf } from '../model/cost-of.ts';
import type { SwarmContext } from '../context/swarm-context.ts';
import { PassBusyError } from '../pass/pass-busy-error.ts';
import { limiterForModel } from '../pass/model-limiter.ts';
import { runBatchMode } from '../worker-kinds/provider-batch/run-batch-mode.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { PassState } from '../pass/pass-state.ts';
import { planDispatches } from '../pass/plan-dispatches.ts';
import { guessOutputTokensPerRow } from '../pass/response-schema.ts';
import { persistPassEvent } from '../recorder/persist-pass-event.ts';
import { createResultWriter } from '../recorder/result-writer.ts';
import { createOutputCap } from '../governed-model/output-cap.ts';
import { createOutputEstimate } from '../governed-model/output-estimate.ts';
import { preparePass } from '../pass/prepare-pass.ts';
import type { PreparedPass } from '../pass/prepared-pass.ts';
import type { RunOptions } from '../pass/run-options.ts';
import { longestProviderWaitMs } from '../governed-model/longest-provider-wait.ts';
import { ProviderWaitError } from '../governed-model/provider-wait-error.ts';
import { schemaWarnings } from '../pass/schema-warnings.ts';
import { runPool } from '../worker-pool/run-pool.ts';
import { functionKind } from '../worker-kinds/function/function-kind.ts';
import { structuredKind } from '../worker-kinds/structured/structured-kind.ts';
import { executeWith, type WorkerKind } from '../worker-kinds/worker-kind.ts';
import { agentKind } from '../worker-kinds/agent/agent-kind.ts';
import { openAgentRun } from '../worker-kinds/agent/open-agent-run.ts';

/**
 * Runs a pass over a table: checks everything first (schema, placeholders, filter, model, column
 * ownership), then dispatches the unanswered matching rows with at most `concurrency` calls in
 * flight, committing each result as it arrives.
 */
export async function runPass(swarm: SwarmContext, tableId: string, options: RunOptions): Promise<PassResult> {
  const { store } = swarm;
  const pass = preparePass(swarm, tableId, options);
  const { table, schema, passId, model, concurrency } = pass;
  const cache = pass.cache ? responseCache(store) : undefined;
  const { limiter, limiterKey } = limiterForModel(swarm, model, concurrency);
  // A key the provider holds for longer than a pass waits (a daily quota) stops it before it starts.
  const parkedUntil = limiter.snapshot().parkedUntil;
  if (parkedUntil !== undefined && parkedUntil - Date.now() > longestProviderWaitMs) {
    throw new ProviderWaitError(parkedUntil);
  }

  // Marks the pass running and takes its lease, or finds another run of it alive and stops here.
  const lease = store.transaction(() => {
    const now = Date.now();
    store.passes.start({ id: passId, tableId: table.id, instruction: pass.instruction, context: pass.context, responseSchema: schema.row, model: model.spec, at: now });
    const taken = store.leases.take(passId, now);
    if ('heldBy' in taken) throw new PassBusyError({ passId, ...taken.heldBy });
    store.tables.claimColumns(table.id, schema.fields.filter((field) => table.writers.get(field) !== passId), passId);
    return taken.lease;
  });
  try {
    return await runLeasedPass(swarm, pass, { cache, limiter, limiterKey });
  } finally {
    lease.release();
  }
}

/** The run itself, once the pass is marked running and this run holds its lease. */
async function runLeasedPass(
  swarm: SwarmContext,
  pass: PreparedPass,
  { cache, limiter, limiterKey }: { cache: ResponseCache | undefined; limiter: KeyLimiter; limiterKey: string },
): Promise<PassResult> {
  const { store, events } = swarm;
  const { table, schema, passId, model, matched, skipped, concurrency, budget } = pass;
  events.emit({ type: 'pass-start', passId, tableId: table.id, model: model.spec, total: matched, skipped, concurrency, limiterKey, resumed: skipped > 0, priced: model.price !== undefined });
  persistPassEvent(store, 'pass-start', passId, { tableId: table.id, model: model.spec, total: matched, skipped });
  const warnings = pass.worker === undefined ? schemaWarnings(model.languageModel.provider, schema, { batched: pass.batchSize !== 1 }) : [];
  for (const message of warnings) {
    events.emit({ type: 'warning', passId, message });
    persistPassEvent(store, 'warning', passId, { message });
  }

  const stopper = new AbortController();
  const onAbort = () => state.stop({ reason: 'aborted', message: 'the pass was aborted; run it again to resume' });
  const state: PassState = {
    passId,
    modelSpec: model.spec,
    endpoint: model.endpoint,
    languageModel: model.languageModel,
    keyEnv: model.keyEnv,
    chargesMaxTokensUpFront: model.chargesMaxTokensUpFront === true,
    cache,
    fingerprints: pass.fingerprints,
    budget: createBudgetGuard(store, passId, budget),
    costOf: (inputTokens, outputTokens) => costOf({ inputTokens, outputTokens }, model.price),
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
    writer: createResultWriter(store, { passId, tableId: table.id, fields: schema.fields }),
    limiter,
    limiterKey,
    otherModels: new Map(),
    limiters: swarm.limiters,
    config: swarm.config,
    env: swarm.env,
    secrets: swarm.secrets,
    // A first guess from the schema's size; replaced by a running average of real answers.
    outputEstimate: createOutputEstimate({ initialPerRow: guessOutputTokensPerRow(schema) }),
    refusals: { key: undefined, count: 0 },
    events,
    signal: stopper.signal,
    stop(stop) {
      if (state.stopped !== undefined) return;
      state.stopped = stop;
      stopper.abort(stop);
    },
    stopped: undefined,
    completed: 0,
    failed: 0,
    failures: [],
    usage: { calls: 0, rateLimited: 0, retries: 0, cached: 0, inputTokens: 0, outputTokens: 0, cost: model.price === undefined ? undefined : 0 },
  };
  if (pass.abortSignal?.aborted) onAbort();
  pass.abortSignal?.addEventListener('abort', onAbort);

  let closeKind = async () => {};
  try {
    const rowWorker = pass.worker;
    let kind: WorkerKind<unknown>;
    if (pass.agent !== undefined) {
      const agent = await openAgentRun(swarm, pass, state);
      closeKind = agent.close;
      kind = agentKind(state, agent.run);
    } else kind = rowWorker === undefined ? structuredKind(state) : functionKind(state, rowWorker, pass.instruction);
    const dispatches = planDispatches(store, pass);
    // Batch mode answers every dispatch's first call through the provider's batch API; what needs
    // another call comes back as rows for the online workers below.
    const requeued =
      pass.mode === 'batch' && rowWorker === undefined
        ? await runBatchMode(state, { store, model, dispatches, pollIntervalMs: pass.batchPollIntervalMs })
        : [];
    await runPool({
      workers: kind.workers(concurrency),
      source: { next: () => dispatches.next().value ?? undefined },
      execute: (rows) => executeWith(kind, rows),
      abortSignal: state.signal,
      requeued,
    });
  } catch (error) {
    // The pass is not running any more, whatever went wrong; its rows are as committed.
    // A thrown error's message may quote a key (a provider echoing it): redacted like every stored message.
    const message = swarm.secrets.redact(`error: ${(error as Error)?.message ?? String(error)}`);
    store.passes.end(passId, { status: 'stopped', stopReason: message, at: Date.now() });
    throw error;
  } finally {
    pass.abortSignal?.removeEventListener('abort', onAbort);
    state.writer.flush();
    cache?.flush();
    await closeKind();
  }

  const pending = Math.max(0, matched - skipped - state.completed - state.failed);
  const result: PassResult = {
    passId,
    completed: state.completed,
    failed: state.failed,
    skipped,
    pending,
    failures: state.failures,
    usage: state.usage,
    ...(state.stopped === undefined ? {} : { stopped: state.stopped }),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
  store.passes.end(passId, { status: state.stopped === undefined ? 'finished' : 'stopped', stopReason: state.stopped?.message, at: Date.now() });
  const { failures: _, usage: __, warnings: ___, ...counts } = result;
  persistPassEvent(store, 'pass-end', passId, { ...counts, usage: state.usage });
  events.emit({ type: 'pass-end', ...counts });
  return result;
}
