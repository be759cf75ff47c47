import type { PassResult } from '../../pass/pass-result.ts';
import type { RowFailure } from '../../pass/result-writer.ts';
import { formatCost, formatCount, formatDuration } from '../../format/format-numbers.ts';

const examplesPerCause = 3;

/** The end-of-pass summary: counts, usage, failures grouped by cause, and what to do next. */
export function describePassResult(result: PassResult, { tableId, model, elapsedSeconds }: { tableId: string; model: string; elapsedSeconds: number }): string {
  const lines = [
    `Pass ${result.passId} on table ${tableId} (${model}) in ${formatDuration(elapsedSeconds)}:`,
    `  ${result.completed} completed, ${result.failed} failed, ${result.skipped} already done, ${result.pending} pending`,
    `  ${describeCalls(result.usage)} · ${formatCount(result.usage.inputTokens)} input + ${formatCount(result.usage.outputTokens)} output tokens · ${formatCost(result.usage.cost)}`,
  ];
  if (result.failures.length > 0) {
    lines.push('Failures by cause:');
    for (const [cause, failures] of groupByCause(result.failures)) {
      lines.push(`  ${cause} × ${failures.length}`);
      for (const failure of failures.slice(0, examplesPerCause)) lines.push(`    ${failure.id}: ${truncate(failure.error, 160)}`);
    }
    if (result.failed > result.failures.length) lines.push(`  (${result.failed - result.failures.length} more failures are in the store)`);
  }
  if (result.stopped !== undefined) lines.push(`Stopped: ${result.stopped.message}`);
  if (result.failed > 0 || result.pending > 0) lines.push('Run the same command again to retry failed rows and resume pending ones.');
  return lines.join('\n');
}

function describeCalls({ calls, rateLimited, cached }: PassResult['usage']): string {
  const parts = [`${calls} ${calls === 1 ? 'call' : 'calls'}${rateLimited > 0 ? ` (${rateLimited} refused for the rate limit and waited out)` : ''}`];
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
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= length ? oneLine : `${oneLine.slice(0, length - 1)}…`;
}
