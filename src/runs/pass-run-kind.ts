import { z } from 'zod';
import { parseRequest } from '../api-requests/parse-request.ts';
import { runOptionsSchema, type RunOptionsRequest } from '../api-requests/run-options-schema.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { RunOptions } from '../pass/run-options.ts';
import { runPass } from '../run-pass/run-pass.ts';
import type { RunKind } from './run-kind.ts';

/** A pass over a table: `{ tableId, options }`. */
export interface PassRunRequest {
  tableId: string;
  options: RunOptionsRequest;
}

const passRunSchema = z.strictObject({ tableId: z.string().min(1), options: runOptionsSchema });

/** Runs `run(tableId, options)`; resumed, the pass skips the rows it answered. */
export const passRunKind: RunKind<PassRunRequest, PassResult> = {
  name: 'pass',
  parse: (value) => parseRequest(passRunSchema, value, 'pass options'),
  execute: (context, { tableId, options }, { abortSignal }) => runPass(context, tableId, { ...(options as RunOptions), abortSignal }),
};
