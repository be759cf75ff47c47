import { budgetCaps } from '../budget/budget-caps.ts';
import { callSpending, spentSoFar, type Spent } from '../budget/spent-so-far.ts';
import type { BudgetLimits } from '../budget/budget-limits.ts';
import { estimatePromptTokens } from '../call/estimate-tokens.ts';
import { responseCache } from '../cache/response-cache.ts';
import { costOf } from '../model/cost-of.ts';
import type { SwarmContext } from '../context/swarm-context.ts';
import type { EnginePassOptions } from './engine-pass-options.ts';
import { planDispatches } from './plan-dispatches.ts';
import { preparePass } from './prepare-pass.ts';
import type { PreparedCommandPass } from './prepared-pass.ts';
import { rowCommandLine } from './row-command-line.ts';
import { promptRowsOf } from './prompt-rows.ts';
import { renderPrompt } from './render-prompt.ts';
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
  /**
   * An agent pass: each loop is counted at `countedCallsPerLoop` calls (one step with tools, then
   * the answer: the fewest a loop that uses a tool makes), each resending the prompt; a loop may
   * make up to `maxCallsPerLoop`.
   */
  agentLoops?: { countedCallsPerLoop: number; maxCallsPerLoop: number };
  /** A command pass: the command lines of its first rows, as they would run (or why a row has none). */
  commands?: CommandPreview[];
}

/** One row's command line in a command pass's estimate. */
export interface CommandPreview {
  rowId: string;
  /** The command line, placeholders filled and quoted (a file's path as in the working tree: a worktree's path is made when the row runs). */
  command?: string;
  /** Why the row has no command line; it would fail (`input`). */
  problem?: string;
}

// Enough command lines to see what a pass would run, without printing the table.
const previewedCommands = 3;


// An agent loop that uses a tool makes at least two calls: the step that calls it, and the answer.
const agentCallsCounted = 2;

/**
 * Estimates a pass's calls, tokens and cost by rendering every prompt it would send, file contents
 * included, with the run's own settings and prompt code, without sending any.
 */
export async function estimatePass(swarm: SwarmContext, tableId: string, options: RunOptions, engine?: EnginePassOptions): Promise<PassEstimate> {
  const pass = preparePass(swarm, tableId, options, engine);
  if (pass.command !== undefined) return estimateCommandPass(swarm, pass);
  const { schema, passId, model, skipped, budget, fingerprints } = pass;
  const cache = pass.cache ? responseCache(swarm.store) : undefined;
  const outputPerRow = swarm.store.attempts.averageOutputTokensPerRow(model.spec) ?? guessOutputTokensPerRow(schema);
  const estimate: PassEstimate = { passId, model: model.spec, rows: 0, skipped, calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, cost: undefined, capsReached: [] };
  const callsPerDispatch = pass.agent === undefined ? 1 : agentCallsCounted;
  if (pass.agent !== undefined) estimate.agentLoops = { countedCallsPerLoop: agentCallsCounted, maxCallsPerLoop: pass.agent.type.maxSteps + 1 };
  for (const rows of planDispatches(swarm.store, pass)) {
    pass.abortSignal?.throwIfAborted();
    // A row whose file cannot be read fails without a call: it costs nothing.
    const { sent, promptRows } = await promptRowsOf(pass, rows, () => {});
    if (sent.length === 0) continue;
    const prompt = renderPrompt(pass.frame, promptRows);
    estimate.rows += sent.length;
    if (cache?.get((sent.length === 1 ? fingerprints.single : fingerprints.batch)(prompt)) !== undefined) {
      estimate.cachedCalls++;
      continue;
    }
    estimate.calls += callsPerDispatch;
    estimate.inputTokens += callsPerDispatch * estimatePromptTokens(prompt);
    estimate.outputTokens += callsPerDispatch * (pass.maxOutputTokens ?? Math.ceil(outputPerRow * sent.length));
  }
  estimate.cost = costOf({ inputTokens: estimate.inputTokens, outputTokens: estimate.outputTokens }, model.price);
  estimate.capsReached = capsReached(budget, estimate, spentSoFar(swarm.store, passId));
  return estimate;
}

/** A command pass's estimate: its rows, each one command (none priced), and the first rows' command lines. */
function estimateCommandPass(swarm: SwarmContext, pass: PreparedCommandPass): PassEstimate {
  const estimate: PassEstimate = { passId: pass.passId, model: 'command', rows: 0, skipped: pass.skipped, calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, cost: undefined, capsReached: [], commands: [] };
  for (const [row] of planDispatches(swarm.store, pass)) {
    pass.abortSignal?.throwIfAborted();
    estimate.rows++;
    estimate.calls++;
    if (estimate.commands!.length === previewedCommands) continue;
    const made = rowCommandLine(pass.command, pass.placeholders, row!);
    estimate.commands!.push('line' in made ? { rowId: row!.id, command: made.line } : { rowId: row!.id, problem: made.problem });
  }
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
