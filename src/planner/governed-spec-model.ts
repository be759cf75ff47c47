import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createBudgetGuard } from '../budget/budget-guard.ts';
import type { SwarmContext } from '../context/swarm-context.ts';
import { governModel } from '../governed-model/govern-model.ts';
import { costOf } from '../model/cost-of.ts';
import { resolveModel } from '../model/resolve-model.ts';
import { autoConcurrencyCap, limiterForModel } from '../pass/model-limiter.ts';
import { passFingerprint } from '../pass/pass-fingerprint.ts';
import { ledgerRecorder } from './ledger-recorder.ts';

/** Where the calls of a governed spec model are recorded: a pass of their own on `tableId`, named by `purpose`. */
export interface CallLedger {
  /** The table the calls are about (a plan run's, or the planner's table of a goal). */
  tableId: string;
  /** What the calls are for, as the pass's instruction shows it (`critics of plan run …`). */
  purpose: string;
  /** Makes the table when it may not be there yet; awaited before the first call. */
  createTable?: () => Promise<void>;
}

/**
 * A model spec (or alias, or instance; undefined: the default model) resolved from this Swarm's
 * config and environment and governed like every call of a pass: its key's limiter, retries,
 * timeouts, and the budget caps of swarm.config.yaml (`maxCost` over every run of the ledger's
 * pass, `maxDailyCost` over the store), each attempt recorded on that pass, so `swarm spend`
 * counts it. For the calls a plan makes beside its tasks: the planner, critics, adaptive planning.
 */
export function governedSpecModel(
  swarm: SwarmContext,
  spec: string | LanguageModelV4 | undefined,
  { ledger, abortSignal }: { ledger: CallLedger; abortSignal?: AbortSignal | undefined },
): LanguageModelV4 {
  const model = resolveModel(spec, { config: swarm.config, env: swarm.env, secrets: swarm.secrets });
  const { limiter } = limiterForModel(swarm, model, autoConcurrencyCap);
  const passId = passFingerprint({ tableId: ledger.tableId, instruction: ledger.purpose, responseSchema: null, model: model.spec, context: undefined, key: 'ledger' });
  const governed = governModel(model.languageModel, {
    limiter,
    limiterOwner: passId,
    budget: createBudgetGuard(swarm.store, passId, swarm.config.budget ?? {}),
    costOf: (inputTokens, outputTokens) => costOf({ inputTokens, outputTokens }, model.price),
    recorder: ledgerRecorder(swarm.store, passId),
    secrets: swarm.secrets,
    ...(abortSignal === undefined ? {} : { abortSignal }),
  });
  // The pass (and its table) is made on the first call: a plan that makes none records nothing.
  let opened: Promise<void> | undefined;
  const open = () =>
    (opened ??= (async () => {
      await ledger.createTable?.();
      const now = Date.now();
      // The pass holds no rows: it is where these calls are counted, ended as soon as it is made.
      swarm.store.transaction(() => {
        swarm.store.passes.start({ id: passId, tableId: ledger.tableId, instruction: ledger.purpose, context: undefined, responseSchema: null, model: model.spec, at: now });
        swarm.store.passes.end(passId, { status: 'finished', stopReason: undefined, at: now });
      });
    })());
  return {
    ...governed,
    doGenerate: async (params) => {
      await open();
      return governed.doGenerate(params);
    },
    doStream: async (params) => {
      await open();
      return governed.doStream(params);
    },
  };
}
