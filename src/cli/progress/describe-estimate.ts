import type { PassEstimate } from '../../pass/estimate-pass.ts';
import { formatCost, formatCount } from '../../format/format-numbers.ts';
import { plural } from '../../format/plural.ts';

/** The `--dry-run` report: what the pass would send, and what it would cost; for a command pass, what it would run. */
export function describeEstimate(estimate: PassEstimate): string {
  if (estimate.commands !== undefined) return describeCommands(estimate, estimate.commands);
  return [
    `Dry run of pass ${estimate.passId} (${estimate.model}): nothing was sent.`,
    `  ${plural(estimate.rows, 'row')} to answer (${estimate.skipped} already done) in ${plural(estimate.calls, 'call')}` +
      (estimate.cachedCalls > 0 ? `, plus ${estimate.cachedCalls} answered from the cache` : ''),
    `  about ${formatCount(estimate.inputTokens)} input + ${formatCount(estimate.outputTokens)} output tokens · ${formatCost(estimate.cost)}`,
    '  (retries and re-asked answers come on top; output tokens are estimated)',
    ...(estimate.agentLoops === undefined
      ? []
      : [`  (agent loops counted at ${estimate.agentLoops.countedCallsPerLoop} calls each, the fewest a loop using a tool makes; each may make up to ${estimate.agentLoops.maxCallsPerLoop}, and later steps resend what earlier ones read)`]),
    ...estimate.capsReached.map((cap) => `  cap reached: ${cap}; run again later, or raise it, to finish`),
  ].join('\n');
}

function describeCommands(estimate: PassEstimate, commands: NonNullable<PassEstimate['commands']>): string {
  const more = estimate.rows - commands.length;
  return [
    `Dry run of pass ${estimate.passId} (command): nothing was run.`,
    `  ${plural(estimate.rows, 'row')} to run (${estimate.skipped} already done), one command each${commands.length > 0 ? ', such as:' : ''}`,
    ...commands.map(({ rowId, command, problem }) => (command === undefined ? `  ${rowId}: none: ${problem}` : `  ${rowId}: ${command}`)),
    ...(more > 0 ? [`  (and ${plural(more, 'more row')})`] : []),
  ].join('\n');
}
