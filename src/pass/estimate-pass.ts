import { budgetCaps } from '../budget/budget-caps.ts';
import { callSpending, spentSoFar, type Spent } from '../budget/spent-so-far.ts';
import type { BudgetLimits } from '../budget/budget-limits.ts';
import { requestFingerprint } from '../cache/request-fingerprint.ts';
import { estimatePromptTokens } from '../call/estimate-tokens.ts';
import { responseCache } from '../cache/response-cache.ts';
import { costOf } from '../model/cost-of.ts';
import type { SwarmContext } from '../swarm/swarm-context.ts';
import { checkPass } from './check-pass.ts';
import { renderInstruction } from './instruction-template.ts';
import { planDispatches } from './plan-dispatches.ts';
import { createPromptFrame, renderPrompt } from './render-prompt.ts';
import { guessOutputTokensPerRow } from './response-schema.ts';
import type { RunOptions } from './run-options.ts';

/** What a pass would do, computed without any call: `--dry-run`. */
export interface PassEstimate {
  passId: string;
  model: string;
  /** Rows the pass would send (matched and not yet answered). */
  rows: number;
  /** Rows an earlier run of this pass already answered. */
  skipped: number;
  /** Calls it would make (batches), not counting retries; `cachedCalls` of them are answered from the cache. */
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  /** From `maxOutputTokens`, else this model's average in the store, else a guess from the schema. */
  outputTokens: number;
  /** USD at the model's price; undefined when it has none. */
  cost: number | undefined;
  /** The caps (options or config `budget:`) this estimate would reach, each saying where the pass would stop. */
  capsReached: string[];
}


/** Estimates a pass's calls, tokens and cost by rendering every prompt it would send, without sending any. */
export function estimatePass(swarm: SwarmContext, tableId: string, options: RunOptions): PassEstimate {
  const { table, schema, passId, model, filter, placeholders, matched, skipped, budget } = checkPass(swarm, tableId, options);
  const frame = createPromptFrame({ instruction: renderInstruction(options.instruction, placeholders), context: options.context, rowSchema: schema.row, batchSchema: schema.batch });
  const cache = options.cache === false ? undefined : responseCache(swarm.store);
  const average = swarm.store
    .statement(`SELECT avg(a.output_tokens * 1.0 / json_array_length(a.row_ids)) AS perRow FROM attempts a JOIN passes p ON p.id = a.pass_id WHERE p.model = ? AND a.status = 'ok'`)
    .get(model.spec) as { perRow: number | null };
  const outputPerRow = average.perRow ?? guessOutputTokensPerRow(schema);
  const estimate: PassEstimate = { passId, model: model.spec, rows: 0, skipped, calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, cost: undefined, capsReached: [] };
  const single = requestFingerprint({ model: model.spec, endpoint: model.endpoint, schema: schema.row, maxOutputTokens: options.maxOutputTokens });
  const batch = requestFingerprint({ model: model.spec, endpoint: model.endpoint, schema: schema.batch, maxOutputTokens: options.maxOutputTokens });
  for (const rows of planDispatches(swarm.store, { tableId: table.id, passId, filter, batchSize: options.batchSize, rowCount: matched })) {
    const prompt = renderPrompt(
      frame,
      rows.map((row) => ({ id: row.id, values: Object.fromEntries(placeholders.map((name) => [name, row.data[name]])) })),
    );
    estimate.rows += rows.length;
    if (cache?.get((rows.length === 1 ? single : batch)(prompt)) !== undefined) {
      estimate.cachedCalls++;
      continue;
    }
    estimate.calls++;
    estimate.inputTokens += estimatePromptTokens(prompt);
    estimate.outputTokens += options.maxOutputTokens ?? Math.ceil(outputPerRow * rows.length);
  }
  estimate.cost = costOf({ inputTokens: estimate.inputTokens, outputTokens: estimate.outputTokens }, model.price);
  estimate.capsReached = capsReached(budget, estimate, spentSoFar(swarm.store, passId));
  return estimate;
}

function capsReached(budget: BudgetLimits, estimate: PassEstimate, spent: Spent): string[] {
  const needs = callSpending(estimate.calls, { cost: estimate.cost ?? 0, tokens: estimate.inputTokens + estimate.outputTokens });
  const reached: string[] = [];
  for (const { cap, used, format } of budgetCaps) {
    const limit = budget[cap];
    const needed = used(needs);
    if (limit === undefined || used(spent) + needed <= limit) continue;
    const before = used(spent) > 0 ? ` (${format(used(spent))} already spent)` : '';
    // How many of the calls fit in what is left, each taking the average share.
    const perCall = estimate.calls === 0 ? needed : needed / estimate.calls;
    const calls = Math.max(0, Math.floor((limit - used(spent)) / perCall));
    const where = calls === 0 ? 'before its first call' : `after about ${calls} of its ${estimate.calls} calls`;
    reached.push(`${cap} ${format(limit)}${before}: the pass would stop ${where}`);
  }
  return reached;
}
