import type { PassRun } from '../../pass/pass-run.ts';
import { recordDone } from '../../recorder/record-done.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import type { CommandRun } from './command-run.ts';

/**
 * Records a row's command: the run as an attempt (its latency; no tokens, no cost), then the row's
 * columns or its failure. A row whose command the pass's stop ended stays pending.
 */
export function settleCommand(run: PassRun, { row, result, outcome }: CommandRun): void {
  const failure =
    'failure' in outcome
      ? { ...outcome.failure, error: run.secrets.redact(outcome.failure.error), rawOutput: outcome.failure.rawOutput === undefined ? undefined : run.secrets.redact(outcome.failure.rawOutput) }
      : undefined;
  if (result !== undefined) {
    const status = 'columns' in outcome ? 'ok' : failure?.errorClass === 'invalid-output' ? 'invalid' : 'error';
    const errorClass = failure?.errorClass ?? ('pending' in outcome ? 'aborted' : undefined);
    const errorMessage = failure?.error ?? ('pending' in outcome ? 'the pass stopped: the command was ended with its process group' : undefined);
    run.usage.calls++;
    run.writer.attempt({
      rowIds: [row.id],
      attempt: 1,
      status,
      errorClass,
      errorMessage,
      inputTokens: 0,
      outputTokens: 0,
      cost: undefined,
      latencyMs: result.latencyMs,
      rawOutput: status === 'invalid' ? failure?.rawOutput : undefined,
      startedAt: result.startedAt,
      endedAt: result.startedAt + result.latencyMs,
    });
    if (run.events.active) {
      run.events.emit({ type: 'dispatch-end', passId: run.passId, rowIds: [row.id], attempt: 1, status, usage: { inputTokens: 0, outputTokens: 0 }, cost: undefined, latencyMs: result.latencyMs, errorClass });
    }
  }
  if ('columns' in outcome) recordDone(run, row.id, outcome.columns);
  else if (failure !== undefined) recordFailure(run, { id: row.id, ...failure });
}
