import { parseRequest } from '../api-requests/parse-request.ts';
import { parallelRequestSchema, type ParallelRequest } from '../api-requests/parallel-request-schema.ts';
import type { ParallelResult } from '../parallel/parallel-result.ts';
import { runParallel } from '../parallel/run-parallel.ts';
import type { RunKind } from './run-kind.ts';

/** A prompt fan-out: `parallel(prompts, options)`; each prompt's end is a `prompt-end` event. */
export const parallelRunKind: RunKind<ParallelRequest, ParallelResult> = {
  name: 'parallel',
  parse: (value) => parseRequest(parallelRequestSchema, value, 'parallel request'),
  execute: (context, { prompts, ...options }, { id, abortSignal, emit }) =>
    // The table is named after the run, so a resumed run finds its prompts and answers again.
    runParallel(context, prompts, { ...options, tableId: `parallel-${id.replace(/^run-/, '')}`, abortSignal, onResult: (result) => emit({ type: 'prompt-end', ...result }) }),
};
