import type { BudgetLimits } from '../../budget/budget-limits.ts';
import type { PassResult, PassStop } from '../../pass/pass-result.ts';
import type { RowFailure } from '../../recorder/result-writer.ts';
import { formatCost, formatCount, formatDuration } from '../../format/format-numbers.ts';
import { plural } from '../../format/plural.ts';

const examplesPerCause = 3;

/** Where the pass's settings came from: `swarm run` flags, or a task file's keys. */
export type SettingsSource = 'flags' | 'task-file';

/** The end-of-pass summary: counts, usage, failures grouped by cause, and what to do next. */
export function describePassResult(
  result: PassResult,
  { tableId, model, elapsedSeconds, settings = 'flags' }: { tableId: string; model: string; elapsedSeconds: number; settings?: SettingsSource },
): string {
  const tried = result.completed + result.failed + result.skipped + result.pending;
  const lines = [
    `Pass ${result.passId} on table ${tableId} (${model}) in ${formatDuration(elapsedSeconds)}:`,
    `  ${plural(tried, 'row')}: ${result.completed} completed, ${result.failed} failed, ${result.skipped} already done, ${result.pending} pending`,
    // A command pass (`model` is `command`) calls no model: it has commands run, and no tokens or cost.
    model === 'command'
      ? `  ${plural(result.usage.calls, 'command')} run`
      : `  ${describeCalls(result.usage)} · ${formatCount(result.usage.inputTokens)} input + ${formatCount(result.usage.outputTokens)} output tokens · ${formatCost(result.usage.cost)}`,
  ];
  if (result.failures.length > 0) {
    lines.push('Failures by cause:');
    for (const [cause, failures] of groupByCause(result.failures)) {
      lines.push(`  ${cause} × ${failures.length}`);
      for (const failure of failures.slice(0, examplesPerCause)) lines.push(`    ${failure.id}: ${truncate(failure.error, 160)}`);
    }
    if (result.failed > result.failures.length) lines.push(`  (${result.failed - result.failures.length} more failures are in the store)`);
    lines.push(`  Each failure with what the ${model === 'command' ? 'command printed' : 'model said'}: swarm failures ${tableId} --pass ${result.passId}`);
  }
  for (const warning of result.warnings ?? []) lines.push(`Warning: ${warning}`);
  if (result.stopped !== undefined) lines.push(`Stopped: ${result.stopped.message}`);
  const next = nextStep(result, settings);
  if (next !== undefined) lines.push(next);
  return lines.join('\n');
}

/** What to do after the run: re-running only helps when whatever stopped it has changed. */
function nextStep(result: PassResult, settings: SettingsSource): string | undefined {
  const { stopped } = result;
  if (stopped?.reason === 'budget') return capStep(stopped, settings);
  if (stopped?.reason === 'provider') return providerStep(stopped);
  if (result.failed > 0) {
    const only = settings === 'flags' ? ` (add --filter '{"status":"failed"}' to retry only those)` : '';
    return `Run the same command again to retry the failed rows${only}${result.pending > 0 ? ' and resume the pending ones' : ''}.`;
  }
  if (result.pending > 0) return 'Run the same command again to resume the pending rows.';
  return undefined;
}

const capNames: Record<keyof BudgetLimits, { flag: string; key: string; counts: string }> = {
  maxCost: { flag: '--max-cost', key: 'max_cost', counts: 'what all runs of this pass spent' },
  maxTokens: { flag: '--max-tokens', key: 'max_tokens', counts: 'the tokens of all runs of this pass' },
  maxCalls: { flag: '--max-calls', key: 'max_calls', counts: 'the calls of all runs of this pass' },
  maxDailyCost: { flag: '--max-daily-cost', key: 'max_daily_spend', counts: 'what every pass of the store spent today (UTC)' },
};

function capStep(stopped: PassStop, settings: SettingsSource): string {
  const cap = capNames[stopped.cap ?? 'maxCost'];
  const raise =
    settings === 'flags'
      ? `run the same command with a higher ${cap.flag} (or budget.${stopped.cap ?? 'maxCost'} in swarm.config.yaml, when it is set there)`
      : `raise budget.${cap.key} in the task file and run it again`;
  const wait = stopped.cap === 'maxDailyCost' ? ', or run it again after midnight UTC' : '';
  return `The cap counts ${cap.counts}, so running again as it is would stop at once: to finish, ${raise}${wait}.`;
}

function providerStep(stopped: PassStop): string {
  const key = stopped.keyEnv ?? "the provider's key variable";
  switch (stopped.errorClass) {
    case 'auth':
    case 'missing-key':
      return `Fix the key in ${key}, then run the same command again to resume.`;
    case 'billing':
      return `Set up billing or add credit for the account of the key in ${key}, then run the same command again to resume.`;
    case 'quota':
      return `The quota of the key in ${key} is used up: run the same command again once it renews, or with another key or --model.`;
    case 'rate-limit':
      return 'Run the same command again once the provider lets the key go (see above).';
    case 'bad-request':
      return 'Change what the provider refuses (see above), then run again: rows already answered are kept.';
    default:
      return 'Run the same command again once the provider accepts calls again.';
  }
}

function describeCalls({ calls, rateLimited, retries, cached }: PassResult['usage']): string {
  const notes = [
    ...(retries > 0 ? [`${plural(retries, 'retry', 'retries')} of the same rows`] : []),
    ...(rateLimited > 0 ? [`${rateLimited} refused for the rate limit and waited out`] : []),
  ];
  const parts = [`${plural(calls, 'call')}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`];
  if (cached > 0) parts.push(`${cached} answered from the cache`);
  return parts.join(' · ');
}

function groupByCause(failures: RowFailure[]): Map<string, RowFailure[]> {
  const groups = new Map<string, RowFailure[]>();
  for (const failure of failures) {
    const group = groups.get(failure.errorClass) ?? [];
    group.push(failure);
    groups.set(failure.errorClass, group);
  }
  return new Map([...groups].sort((left, right) => right[1].length - left[1].length));
}

function truncate(text: string, length: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= length ? oneLine : `${oneLine.slice(0, length - 1)}…`;
}
