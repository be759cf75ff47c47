import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createHash, randomBytes } from 'node:crypto';
import type { BudgetLimits } from '../budget/budget-limits.ts';
import { ModelConfigError } from '../errors/model-config-error.ts';
import { chooseModelSpec } from '../model/choose-model-spec.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { RowWorker, RowWorkerTools } from '../pass/row-worker.ts';
import { defaultSwarm } from '../swarm/default-swarm.ts';
import type { Swarm } from '../swarm/open-swarm.ts';
import { MapReduceError } from './map-reduce-error.ts';

/** What a map function is given beside its item. */
export interface MapTools {
  /** The item's position in the dataset. */
  index: number;
  /** One model call under the map's limits, budget, cache and retries, recorded as an attempt (see `worker` in run options). */
  call: RowWorkerTools['call'];
  /** Aborted when the map stops. */
  signal: AbortSignal;
}

/** Options of `mapReduce`. */
export interface MapReduceOptions extends BudgetLimits {
  /** Map calls running at once (each may make model calls, paced by the limiter). Default `'auto'`, as for `run`: up to 2,048. */
  concurrency?: number | 'auto';
  /** The model `call` goes to: a spec, an alias, or a LanguageModelV4. Default SWARM_MODEL, then `model:` in config; with none, `call` throws. */
  model?: string | LanguageModelV4;
  /** The store the map's table, pass and calls are kept in. Default: the default store (`$SWARM_DIR`, else `.swarm/`). */
  swarm?: Swarm;
  /**
   * Names the map function's logic. With it, a map-reduce is durable: its table is found again by
   * the dataset and the key, so running it again (after a crash, say) maps only the items not yet
   * mapped; the table is kept. Change the key when the function changes. Default: none, a fresh
   * table each time, dropped when done (what its calls spent stays in `swarm spend`).
   */
  key?: string;
  abortSignal?: AbortSignal;
}

// The column a map's result is kept in, any JSON value.
const responseSchema = { type: 'object', properties: { value: {} }, required: ['value'] };

/**
 * Hivemind's map-reduce: each item of `dataset` goes to `mapFn` (up to `concurrency` at once),
 * then all results, in dataset order, to `reduceFn` once. It runs as a `worker` pass over a table
 * made from the dataset, so map functions' model calls take the same limiter, budget, cache and
 * retries as any pass and are recorded. Map results are kept as JSON (`undefined` as null) and
 * `reduceFn` gets them as kept. A map that throws, or a pass that stops, is a MapReduceError (or,
 * aborted, the signal's reason); `reduceFn` is then not called.
 */
export async function mapReduce<Item, Mapped, Reduced>(
  dataset: Iterable<Item>,
  mapFn: (item: Item, tools: MapTools) => Mapped | Promise<Mapped>,
  reduceFn: (results: Mapped[]) => Reduced | Promise<Reduced>,
  { concurrency, model, swarm = defaultSwarm(), key, abortSignal, ...budget }: MapReduceOptions = {},
): Promise<Reduced> {
  const items = [...dataset];
  if (items.length === 0) return reduceFn([]);
  const width = String(items.length - 1).length;
  const rows = items.map((item, index) => ({ id: String(index).padStart(width, '0'), item: asJson(item) }));
  const hasModel = model !== undefined || defaultModelChosen(swarm);
  const table = await swarm.create(
    { tasks: rows },
    key === undefined ? { id: `map-reduce-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}` } : { sourceKey: `map-reduce ${key} ${digest(rows)}` },
  );
  try {
    const worker: RowWorker = async (row, tools) => {
      const index = Number(row.id);
      const call: RowWorkerTools['call'] = hasModel ? tools.call : refuseCall;
      const value = await mapFn(items[index]!, { index, call, signal: tools.signal });
      return { value: value === undefined ? null : value };
    };
    const result = await swarm.run(table.id, {
      instruction: 'Map the item {item}',
      responseSchema,
      model: model ?? (hasModel ? undefined : noModel),
      worker,
      workerKey: key ?? 'map-reduce',
      concurrency,
      abortSignal,
      ...budget,
    });
    checkMapped(result, items.length, abortSignal);
    const values = [...swarm.iterateRows(table.id, { columns: ['value'] })].map((row) => row.value as Mapped);
    return await reduceFn(values);
  } finally {
    if (key === undefined) swarm.context.store.tables.drop(table.id);
  }
}

/** Throws unless every item is mapped. */
function checkMapped(result: PassResult, count: number, abortSignal: AbortSignal | undefined): void {
  if (result.stopped?.reason === 'aborted' && abortSignal?.aborted) throw abortSignal.reason;
  if (result.stopped !== undefined) {
    throw new MapReduceError(`map-reduce stopped with ${result.pending} of ${count} items not mapped: ${result.stopped.message}`, { failures: result.failures, stopped: result.stopped.message });
  }
  if (result.failed > 0) {
    const shown = result.failures
      .slice(0, 3)
      .map((failure) => `item ${Number(failure.id)}: ${failure.error}`)
      .join('; ');
    throw new MapReduceError(`${result.failed} of ${count} items failed to map (${shown}${result.failed > 3 ? '; …' : ''})`, { failures: result.failures });
  }
}

/** The item as the table keeps it for inspection: its JSON, or null for a value JSON cannot hold. */
function asJson(item: unknown): unknown {
  try {
    const text = JSON.stringify(item);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

function digest(rows: unknown): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 32);
}

function defaultModelChosen(swarm: Swarm): boolean {
  try {
    chooseModelSpec(undefined, { config: swarm.context.config, env: swarm.context.env });
    return true;
  } catch (error) {
    if (ModelConfigError.isInstance(error)) return false;
    throw error;
  }
}

function refuseCall(): never {
  throw new ModelConfigError('a map function called a model, but mapReduce has none: pass { model }, set SWARM_MODEL, or set model: in swarm.config.yaml');
}

// Stands in for a model in the pass of a map that calls none; `refuseCall` keeps it from ever being called.
const noModel: LanguageModelV4 = {
  specificationVersion: 'v4',
  provider: 'map-reduce',
  modelId: 'no-model',
  supportedUrls: {},
  doGenerate: refuseCall,
  doStream: refuseCall,
};
