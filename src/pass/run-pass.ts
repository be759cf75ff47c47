import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { compileFilter, jsonPath } from '../filter/compile-filter.ts';
import { costOf } from '../model/cost-of.ts';
import { resolveModel } from '../model/resolve-model.ts';
import type { SwarmContext } from '../swarm/swarm-context.ts';
import { checkColumns } from '../table/check-columns.ts';
import { tableInfo, type TableInfo } from '../table/table-info.ts';
import { executeDispatch } from './execute-dispatch.ts';
import { placeholdersOf, renderInstruction } from './instruction-template.ts';
import { passFingerprint } from './pass-fingerprint.ts';
import type { PassResult } from './pass-result.ts';
import type { PassState } from './pass-state.ts';
import { planDispatches, batchSizeResolver, type PendingRow } from './plan-dispatches.ts';
import { createPromptFrame } from './render-prompt.ts';
import { compileResponseSchema, type ResponseSchema } from './response-schema.ts';
import { createResultWriter } from './result-writer.ts';
import type { RunOptions } from './run-options.ts';

// `concurrency: 'auto'` adapts below this cap, starting at `autoInitialConcurrency`.
const autoConcurrencyCap = 256;
const autoInitialConcurrency = 32;
const defaultMaxFileBytes = 1_000_000;
const yieldEveryMs = 5;

/**
 * Runs a pass over a table: checks everything first (schema, placeholders, filter, model, column
 * ownership), then dispatches the unanswered matching rows with at most `concurrency` calls in
 * flight, committing each result as it arrives.
 */
export async function runPass(swarm: SwarmContext, tableId: string, options: RunOptions): Promise<PassResult> {
  const { store, events } = swarm;
  const checked = checkPass(swarm, tableId, options);
  const { table, schema, passId, model, filter, placeholders, matched, skipped, concurrency } = checked;
  const limiterKey = `${model.keyId}|${model.modelId}`;
  const limiter = swarm.limiters.limiterFor(limiterKey, {
    limits: swarm.config.limits?.[model.spec] ?? swarm.config.limits?.[`${model.provider}:${model.modelId}`] ?? swarm.config.limits?.[model.provider],
    maxConcurrency: concurrency,
    initialConcurrency: Math.min(concurrency, autoInitialConcurrency),
    adaptive: true,
  });

  store.transaction(() => {
    const now = Date.now();
    store
      .statement(
        `INSERT INTO passes (id, table_id, instruction, context, response_schema, model, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = 'running', stop_reason = NULL, updated_at = excluded.updated_at`,
      )
      .run(passId, table.id, options.instruction, options.context ?? null, JSON.stringify(schema.row), model.spec, now, now);
    claimColumns(swarm, table, schema, passId);
  });
  events.emit({ type: 'pass-start', passId, tableId: table.id, model: model.spec, total: matched, skipped, concurrency, limiterKey, resumed: skipped > 0 });
  persistEvent(swarm, 'pass-start', passId, { tableId: table.id, model: model.spec, total: matched, skipped });

  const stopper = new AbortController();
  const onAbort = () => state.stop({ reason: 'aborted', message: 'the pass was aborted; run it again to resume' });
  const state: PassState = {
    passId,
    languageModel: model.languageModel,
    costOf: (inputTokens, outputTokens) => costOf({ inputTokens, outputTokens }, model.price),
    frame: createPromptFrame({
      instruction: renderInstruction(options.instruction),
      context: options.context,
      rowSchema: schema.row,
      batchSchema: schema.batch,
    }),
    schema,
    placeholders,
    fileRoot: fileRootOf(table, placeholders),
    maxFileBytes: defaultMaxFileBytes,
    maxAttempts: options.maxAttempts ?? 6,
    timeoutMs: options.timeoutMs ?? 120_000,
    maxOutputTokens: options.maxOutputTokens,
    writer: createResultWriter(store, { passId, tableId: table.id, fields: schema.fields }),
    limiter,
    limiterKey,
    outputTokensPerCall: options.maxOutputTokens ?? 256,
    rateLimitStreak: 0,
    events,
    signal: stopper.signal,
    stop(stop) {
      if (state.stopped !== undefined) return;
      state.stopped = stop;
      stopper.abort(stop);
    },
    stopped: undefined,
    completed: 0,
    failed: 0,
    failures: [],
    usage: { calls: 0, inputTokens: 0, outputTokens: 0, cost: model.price === undefined ? undefined : 0 },
  };
  if (options.abortSignal?.aborted) onAbort();
  options.abortSignal?.addEventListener('abort', onAbort);

  try {
    const dispatches = planDispatches(store, { tableId: table.id, passId, filter, batchSize: options.batchSize, rowCount: matched });
    const alone: PendingRow[][] = [];
    let running = 0;
    const idle: Array<() => void> = [];
    // A model that answers instantly would otherwise never let timers, progress output or
    // signal handlers run until the whole pass is over. All workers pause on one shared turn of
    // the event loop: pausing each on its own would let each run a full slice in turn.
    let lastYield = performance.now();
    let pause: Promise<void> | undefined;
    const breathe = () => {
      if (performance.now() - lastYield <= yieldEveryMs) return undefined;
      pause ??= new Promise<void>((resolve) =>
        setImmediate(() => {
          pause = undefined;
          lastYield = performance.now();
          resolve();
        }),
      );
      return pause;
    };
    const worker = async () => {
      while (state.stopped === undefined) {
        const pausing = breathe();
        if (pausing !== undefined) await pausing;
        let next = alone.pop();
        if (next === undefined) {
          const planned = dispatches.next();
          if (!planned.done) next = planned.value;
        }
        if (next === undefined) {
          if (running === 0) return;
          // A dispatch still running may hand back rows to retry alone: wait for it rather than
          // leave those retries to its worker, one at a time.
          await new Promise<void>((resolve) => idle.push(resolve));
          continue;
        }
        running++;
        try {
          const retry = await executeDispatch(state, next);
          for (const row of retry) alone.push([row]);
        } finally {
          running--;
          for (const wake of idle.splice(0)) wake();
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    options.abortSignal?.removeEventListener('abort', onAbort);
    state.writer.flush();
  }

  const pending = Math.max(0, matched - skipped - state.completed - state.failed);
  const result: PassResult = {
    passId,
    completed: state.completed,
    failed: state.failed,
    skipped,
    pending,
    failures: state.failures,
    usage: state.usage,
    ...(state.stopped === undefined ? {} : { stopped: state.stopped }),
  };
  store
    .statement('UPDATE passes SET status = ?, stop_reason = ?, updated_at = ? WHERE id = ?')
    .run(state.stopped === undefined ? 'finished' : 'stopped', state.stopped?.message ?? null, Date.now(), passId);
  const { failures: _, usage: __, ...counts } = result;
  persistEvent(swarm, 'pass-end', passId, { ...counts, usage: state.usage });
  events.emit({ type: 'pass-end', ...counts });
  return result;
}

/** Every check a pass makes before it writes or calls anything. */
function checkPass(swarm: SwarmContext, tableId: string, options: RunOptions) {
  const { store } = swarm;
  if (options === null || typeof options !== 'object') throw new InvalidInputError('run() needs an options object with instruction and responseSchema');
  if (options.subagentType !== undefined) {
    throw new InvalidInputError(
      `subagentType ${JSON.stringify(options.subagentType)} is not a defined subagent type: this store defines none. Omit subagentType to answer each row with one model call.`,
    );
  }
  if (typeof options.instruction !== 'string' || options.instruction.trim() === '') {
    throw new InvalidInputError('instruction is required: a template such as "Classify {text}"');
  }
  if (options.context !== undefined && typeof options.context !== 'string') throw new InvalidInputError('context must be a string');
  const concurrency = options.concurrency === undefined || options.concurrency === 'auto' ? autoConcurrencyCap : options.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidInputError(`concurrency must be "auto" or a whole number ≥ 1, got ${JSON.stringify(options.concurrency)}`);
  }
  for (const [name, value] of [['maxAttempts', options.maxAttempts], ['timeoutMs', options.timeoutMs], ['maxOutputTokens', options.maxOutputTokens]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new InvalidInputError(`${name} must be a whole number ≥ 1, got ${value}`);
  }
  batchSizeResolver(options.batchSize, 1);
  const schema = compileResponseSchema(options.responseSchema);
  const table = tableInfo(store, tableId);

  const filter = compileFilter(options.filter);
  checkColumns(filter.columns, [...table.columns, ...schema.fields.filter((field) => !table.columns.includes(field))], 'filter');
  const matched = (store.statement(`SELECT count(*) AS n FROM rows WHERE table_id = ? AND (${filter.sql})`).get(table.id, ...filter.params) as { n: number }).n;

  const placeholders = placeholdersOf(options.instruction);
  checkPlaceholders(swarm, table, filter, placeholders, matched);

  const model = resolveModel(options.model, { config: swarm.config, env: swarm.env });
  const passId = passFingerprint({
    tableId: table.id,
    instruction: options.instruction,
    responseSchema: schema.row,
    model: model.spec,
    context: options.context,
  });
  for (const field of schema.fields) {
    const writer = table.writers.get(field);
    if (writer !== undefined && writer !== passId && !options.overwrite) {
      const by = writer === 'source' ? 'the table source' : `pass ${writer}`;
      throw new InvalidInputError(
        `column ${JSON.stringify(field)} was written by ${by}; this pass would overwrite it. Rename the schema property, or pass overwrite: true (--overwrite) to replace it`,
      );
    }
  }
  const skipped = (
    store
      .statement(
        `SELECT count(*) AS n FROM rows WHERE table_id = ? AND (${filter.sql})
           AND EXISTS (SELECT 1 FROM results WHERE pass_id = ? AND row_id = rows.id AND status = 'done')`,
      )
      .get(table.id, ...filter.params, passId) as { n: number }
  ).n;
  return { table, schema, passId, model, filter, placeholders, matched, skipped, concurrency };
}

function checkPlaceholders(swarm: SwarmContext, table: TableInfo, filter: ReturnType<typeof compileFilter>, placeholders: string[], matched: number): void {
  const provided = swarm.store.statement(
    `SELECT 1 FROM rows WHERE table_id = ? AND (${filter.sql}) AND json_type(rows.data, ?) NOT IN ('null') LIMIT 1`,
  );
  const missing = placeholders.filter((name) =>
    matched === 0 ? !table.columns.includes(name) : provided.get(table.id, ...filter.params, jsonPath(name)) === undefined,
  );
  if (missing.length > 0) {
    const names = missing.map((name) => `{${name}}`).join(', ');
    throw new InvalidInputError(
      `instruction uses ${names}, which no ${matched === 0 ? '' : 'matched '}row provides; available columns: ${table.columns.join(', ')}`,
    );
  }
}

function claimColumns(swarm: SwarmContext, table: TableInfo, schema: ResponseSchema, passId: string): void {
  const { store } = swarm;
  const next = store.statement('SELECT coalesce(max(position), -1) + 1 AS position FROM columns WHERE table_id = ?');
  const upsert = store.statement(
    `INSERT INTO columns (table_id, name, position, written_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (table_id, name) DO UPDATE SET written_by = excluded.written_by`,
  );
  for (const field of schema.fields) {
    if (table.writers.get(field) === passId) continue;
    const { position } = next.get(table.id) as { position: number };
    upsert.run(table.id, field, position, passId);
  }
}

function fileRootOf(table: TableInfo, placeholders: string[]): string | undefined {
  const source = table.source as { kind?: string; root?: string };
  const isFileTable = source.kind === 'glob' || source.kind === 'filePaths';
  return isFileTable && placeholders.includes('file') ? source.root : undefined;
}

function persistEvent(swarm: SwarmContext, type: string, passId: string, data: unknown): void {
  swarm.store.statement('INSERT INTO events (at, type, pass_id, data) VALUES (?, ?, ?, ?)').run(Date.now(), type, passId, JSON.stringify(data));
}
