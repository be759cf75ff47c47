import { randomBytes } from 'node:crypto';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { RowWorker } from '../pass/row-worker.ts';
import type { RunOptions } from '../pass/run-options.ts';
import { runPass } from '../run-pass/run-pass.ts';
import { createTable } from '../table/create-table.ts';
import { iterateRows } from '../table/read-rows.ts';
import type { ParallelOptions } from './parallel-options.ts';
import type { ParallelResult } from './parallel-result.ts';
import type { PromptResult } from './prompt-result.ts';

// A free-text answer is kept as one column.
const textSchema = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] };
const askPrompt: RowWorker = async (_row, tools) => ({ text: await tools.call([{ role: 'user', content: tools.prompt }]) });

/**
 * Sends each prompt as its own call, as many at once as the provider allows, and returns every
 * result in the order given. The prompts are a table (`parallel-…`) and the answers a pass over
 * it, so they go through the same limiter, retries, budget and cache as any pass, and each answer
 * is committed as it arrives.
 */
export async function runParallel(swarm: SwarmContext, prompts: readonly string[], options: ParallelOptions = {}): Promise<ParallelResult> {
  const { model, schema, concurrency, cache, maxAttempts, timeoutMs, maxCost, onResult, abortSignal } = options;
  if (!Array.isArray(prompts) || prompts.length === 0) throw new InvalidInputError('parallel needs at least one prompt');
  prompts.forEach((prompt, index) => {
    if (typeof prompt !== 'string' || prompt.trim() === '') throw new InvalidInputError(`prompts[${index}] must be a non-empty string`);
  });
  const started = performance.now();
  const { store } = swarm;
  const tableId = options.tableId ?? `parallel-${randomBytes(4).toString('hex')}`;
  // The source key finds the table again when a fan-out is resumed under the same table id.
  const sourceKey = `parallel:${tableId}`;
  const existed = store.tables.findBySource(sourceKey) !== undefined;
  const table = await createTable(store, { tasks: prompts.map((prompt, index) => ({ id: String(index + 1), prompt })) }, { id: tableId, sourceKey });
  if (existed) {
    // Taken up again: it must hold these very prompts, or the answers would be another list's.
    let index = 0;
    for (const row of iterateRows(store, tableId, { columns: ['prompt'] })) {
      if (row.prompt !== prompts[index++]) throw new InvalidInputError(`table ${tableId} holds other prompts than these: give another tableId`);
    }
    if (index !== prompts.length || table.count !== prompts.length) throw new InvalidInputError(`table ${tableId} holds ${table.count} prompts, not ${prompts.length}: give another tableId`);
  }

  const shared = { model, concurrency, cache, maxAttempts, timeoutMs, maxCost, abortSignal, instruction: '{prompt}', batchSize: 1 };
  const passOptions: RunOptions = schema === undefined ? { ...shared, responseSchema: textSchema, worker: askPrompt, workerKey: 'parallel-text' } : { ...shared, responseSchema: schema };
  let passId: string | undefined;
  const unsubscribe = swarm.events.subscribe((event) => {
    if (event.type === 'pass-start' && event.tableId === tableId) passId = event.passId;
    if (event.type !== 'row-end' || event.passId !== passId || onResult === undefined) return;
    const index = Number(event.rowId) - 1;
    onResult(
      event.status === 'done'
        ? answerOf(index, event.output ?? {}, schema === undefined)
        : { index, ok: false, error: { message: event.error ?? 'failed', class: event.errorClass ?? 'error' } },
    );
  });
  let result: PassResult;
  try {
    result = await runPass(swarm, tableId, passOptions);
  } catch (error) {
    // Refused before any call (a bad schema, an unknown model): the table made for it goes too.
    if (!existed) {
      store.transaction(() => {
        if (store.passes.idsOf(tableId).length === 0) store.tables.drop(tableId);
      });
    }
    unsubscribe();
    throw error;
  }
  try {
    // Read back from the store: prompts answered before a resume are part of the result too.
    const answers = new Map(store.results.answers(result.passId, prompts.length).map((answer) => [answer.rowId, answer.output]));
    const failures = new Map(store.results.failures({ tableId, passId: result.passId }).map((failure) => [failure.rowId, failure]));
    const unanswered = { message: result.stopped === undefined ? 'not answered' : `not answered: ${result.stopped.message}`, class: 'stopped' };
    const results = prompts.map((_, index): PromptResult => {
      const answer = answers.get(String(index + 1));
      if (answer !== undefined) return answerOf(index, answer, schema === undefined);
      const failure = failures.get(String(index + 1));
      return { index, ok: false, error: failure === undefined ? unanswered : { message: failure.error, class: failure.errorClass } };
    });
    const succeeded = results.filter((item) => item.ok).length;
    return {
      results,
      stats: { total: prompts.length, succeeded, failed: prompts.length - succeeded, elapsedMs: Math.round(performance.now() - started), tableId, passId: result.passId, usage: result.usage },
    };
  } finally {
    unsubscribe();
  }
}

function answerOf(index: number, output: Record<string, unknown>, text: boolean): PromptResult {
  return text ? { index, ok: true, text: String(output.text ?? '') } : { index, ok: true, output };
}
