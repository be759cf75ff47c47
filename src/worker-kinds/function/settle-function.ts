import type { PassState } from '../../pass/pass-state.ts';
import { recordDone } from '../../recorder/record-done.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import { PassStoppedError } from '../../pass/pass-stopped-error.ts';
import { describeValidationErrors } from '../../pass/response-schema.ts';
import { WorkerCallError } from '../../pass/worker-call-error.ts';
import type { FunctionRun } from './function-run.ts';

/**
 * Settles a row worker's run: what it returned is validated against the pass's schema and recorded
 * as the row's columns; a worker that threw fails the row, unless the pass is stopping, in which
 * case the row stays pending.
 */
export function settleFunction(state: PassState, run: FunctionRun): void {
  const { row } = run;
  if ('error' in run) {
    const { error, calls } = run;
    if (error instanceof PassStoppedError || state.signal.aborted) return;
    if (error instanceof WorkerCallError) {
      recordFailure(state, { id: row.id, error: error.message, errorClass: error.classified.errorClass });
      return;
    }
    recordFailure(state, { id: row.id, error: state.secrets.redact(`worker failed after ${calls} calls: ${(error as Error)?.message ?? String(error)}`), errorClass: 'worker-error' });
    return;
  }
  const { output } = run;
  if (output === null || typeof output !== 'object' || Array.isArray(output)) {
    recordFailure(state, { id: row.id, error: 'the worker returned no object of columns', errorClass: 'worker-error' });
    return;
  }
  if (!state.schema.validate(output)) {
    recordFailure(state, {
      id: row.id,
      error: `the worker's columns do not match the schema: ${describeValidationErrors(state.schema.validate)}`,
      errorClass: 'invalid-output',
      rawOutput: JSON.stringify(output),
    });
    return;
  }
  const columns: Record<string, unknown> = {};
  for (const field of state.schema.fields) if (field in output) columns[field] = output[field];
  recordDone(state, row.id, columns);
}
