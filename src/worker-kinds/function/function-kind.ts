import type { PassState } from '../../pass/pass-state.ts';
import type { RowWorker } from '../../pass/row-worker.ts';
import type { WorkerKind } from '../worker-kind.ts';
import type { FunctionRun } from './function-run.ts';
import { sendFunction } from './send-function.ts';
import { settleFunction } from './settle-function.ts';

/**
 * The `function` kind: a JS function answers each row (a library user's, or a task file's worker
 * script), calling models through the pass's tools.
 */
export function functionKind(state: PassState, worker: RowWorker, instruction: string): WorkerKind<FunctionRun> {
  return {
    name: 'function',
    // A row worker runs the user's code: `concurrency` of them, no more.
    workers: (concurrency) => concurrency,
    // A row worker's dispatch is one row (`preparePass` sets its batchSize to 1).
    send: (rows) => sendFunction(state, worker, rows[0]!, instruction),
    settle(run) {
      settleFunction(state, run);
      return [];
    },
  };
}
