import type { SwarmContext } from '../context/swarm-context.ts';
import { createPassRun } from '../pass/create-pass-run.ts';
import { PassBusyError } from '../pass/pass-busy-error.ts';
import type { PassResult } from '../pass/pass-result.ts';
import type { PassRun } from '../pass/pass-run.ts';
import { planDispatches, type PendingRow } from '../pass/plan-dispatches.ts';
import type { PreparedPass } from '../pass/prepared-pass.ts';
import { persistPassEvent } from '../recorder/persist-pass-event.ts';
import { createResultWriter } from '../recorder/result-writer.ts';

/** What a pass's rows are answered by, as its start event and the store name it. */
export interface PassAnswerer {
  /** The model spec, or `command`. */
  model: string;
  /** The limiter of the model's key; none for a command pass. */
  limiterKey?: string;
  /** The model has a price: costs are counted from the first call. */
  priced: boolean;
}

/**
 * How a pass's rows are done, set up once the pass runs: in this process's pool through a worker
 * kind (`poolPassWork`), or by a backend's workers (`PassBackend`).
 */
export interface PassWork {
  /** What the user should know, said once per run. */
  warnings?: string[];
  /**
   * Answers the pass's dispatches (its unanswered rows, grouped), recording each result through the
   * run as it arrives; resolves once none is under way: all answered, or the run stopped.
   */
  answer(dispatches: Generator<PendingRow[]>): Promise<void>;
  /** Lets go of what the work holds (an agent's tools, MCP connections), once it is done. */
  close?(): Promise<void>;
}

/**
 * Runs a pass: marks it running and takes its lease (or finds another run of it alive and stops
 * there), dispatches the unanswered matching rows through the pool with at most `concurrency`
 * under way, committing each result as it arrives, and ends the pass with its result. `work` sets
 * up the kind on the run's shared state.
 */
export async function runLeasedPass(swarm: SwarmContext, pass: PreparedPass, answerer: PassAnswerer, work: (run: PassRun) => PassWork | Promise<PassWork>): Promise<PassResult> {
  const { store } = swarm;
  const { table, schema, passId } = pass;
  const lease = store.transaction(() => {
    const now = Date.now();
    store.passes.start({ id: passId, tableId: table.id, instruction: pass.instruction, context: pass.model === undefined ? undefined : pass.context, responseSchema: schema.row, model: answerer.model, at: now });
    const taken = store.leases.take(passId, now);
    if ('heldBy' in taken) throw new PassBusyError({ passId, ...taken.heldBy });
    store.tables.claimColumns(table.id, schema.fields.filter((field) => table.writers.get(field) !== passId), passId);
    return taken.lease;
  });
  try {
    return await runPass(swarm, pass, answerer, work);
  } finally {
    lease.release();
  }
}

/** The run itself, once the pass is marked running and this run holds its lease. */
async function runPass(swarm: SwarmContext, pass: PreparedPass, answerer: PassAnswerer, work: (run: PassRun) => PassWork | Promise<PassWork>): Promise<PassResult> {
  const { store, events } = swarm;
  const { table, schema, passId, matched, skipped, concurrency } = pass;
  events.emit({ type: 'pass-start', passId, tableId: table.id, model: answerer.model, total: matched, skipped, concurrency, limiterKey: answerer.limiterKey, resumed: skipped > 0, priced: answerer.priced });
  persistPassEvent(store, 'pass-start', passId, { tableId: table.id, model: answerer.model, total: matched, skipped });

  const run = createPassRun({ passId, writer: createResultWriter(store, { passId, tableId: table.id, fields: schema.fields }), events, secrets: swarm.secrets, priced: answerer.priced });
  const onAbort = () => run.stop({ reason: 'aborted', message: 'the pass was aborted; run it again to resume' });
  if (pass.abortSignal?.aborted) onAbort();
  pass.abortSignal?.addEventListener('abort', onAbort);

  let warnings: string[] = [];
  let close: PassWork['close'];
  try {
    const passWork = await work(run);
    warnings = passWork.warnings ?? [];
    close = passWork.close;
    for (const message of warnings) {
      events.emit({ type: 'warning', passId, message });
      persistPassEvent(store, 'warning', passId, { message });
    }
    await passWork.answer(planDispatches(store, pass));
  } catch (error) {
    // The pass is not running any more, whatever went wrong; its rows are as committed.
    // A thrown error's message may quote a key (a provider echoing it): redacted like every stored message.
    const message = swarm.secrets.redact(`error: ${(error as Error)?.message ?? String(error)}`);
    store.passes.end(passId, { status: 'stopped', stopReason: message, at: Date.now() });
    throw error;
  } finally {
    pass.abortSignal?.removeEventListener('abort', onAbort);
    run.writer.flush();
    run.cache?.flush();
    await close?.();
  }

  const pending = Math.max(0, matched - skipped - run.completed - run.failed);
  const result: PassResult = {
    passId,
    completed: run.completed,
    failed: run.failed,
    skipped,
    pending,
    failures: run.failures,
    usage: run.usage,
    ...(run.stopped === undefined ? {} : { stopped: run.stopped }),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
  store.passes.end(passId, { status: run.stopped === undefined ? 'finished' : 'stopped', stopReason: run.stopped?.message, at: Date.now() });
  const { failures: _, usage: __, warnings: ___, ...counts } = result;
  persistPassEvent(store, 'pass-end', passId, { ...counts, usage: run.usage });
  events.emit({ type: 'pass-end', ...counts });
  return result;
}
