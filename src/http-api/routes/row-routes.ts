import { z } from 'zod';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { PassRunRequest } from '../../runs/pass-run-kind.ts';
import type { StoredFailure } from '../../store/operations/results.ts';
import { tableInfo } from '../../table/table-info.ts';
import type { ApiRoute } from '../api-route.ts';
import { wholeQuery } from '../query-values.ts';
import { readJsonBody } from '../read-json-body.ts';
import { acceptedRun } from '../accepted-run.ts';

const retrySchema = z.strictObject({
  passId: z.string().min(1).describe('The pass whose failed rows to run again.'),
  rowIds: z.array(z.string()).min(1).max(10_000).describe('The rows to run again.'),
});

/** Failures that share a cause: the error class, and the message with its numbers and quoted parts blurred. */
export interface FailureGroup {
  errorClass: string;
  /** The first failure's message. */
  example: string;
  passId: string;
  count: number;
  failures: StoredFailure[];
}

/** One row in depth, and the failures of a table grouped by cause, with a way to run them again. */
export const rowRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/tables/:id/rows/:rowId',
    summary: "One row: its columns, every provider call that carried it (each failure's error and the model's raw output), and its agent loops' transcript (steps, tool calls and results), as `swarm show` prints.",
    responses: { 200: { description: '`{ tableId, rowId, data, attempts: [{ passId, attempt, status, errorClass?, errorMessage?, rawOutput?, ... }], loops }`' }, 404: { description: 'No such table or row.' } },
    async handler(c, { swarm }) {
      const tableId = c.req.param('id')!;
      const rowId = c.req.param('rowId')!;
      const transcript = await swarm.transcript(tableId, rowId);
      return c.json({ ...transcript, attempts: swarm.context.store.attempts.ofRow(tableId, rowId) });
    },
  },
  {
    method: 'GET',
    path: '/tables/:id/failures',
    summary: "The rows a table's passes could not answer, grouped by cause (pass, error class and message), largest group first, each failure with the model's raw output.",
    query: { pass: 'Only this pass.', limit: 'At most this many failures (default 5000).' },
    responses: { 200: { description: '`{ total, groups: [{ passId, errorClass, example, count, failures }] }`' }, 404: { description: 'No such table.' } },
    handler(c, { swarm }) {
      const tableId = c.req.param('id')!;
      const { store } = swarm.context;
      tableInfo(store, tableId);
      const passId = c.req.query('pass');
      if (passId !== undefined && store.passes.report(passId).tableId !== tableId) throw new InvalidInputError(`pass ${passId} is not a pass of table ${tableId}`);
      const failures = store.results.failures({ tableId, passId, limit: wholeQuery(c, 'limit') ?? 5000 });
      const groups = new Map<string, FailureGroup>();
      for (const failure of failures) {
        const key = `${failure.passId}\n${failure.errorClass}\n${causeOf(failure.error)}`;
        const group = groups.get(key) ?? { errorClass: failure.errorClass, example: failure.error, passId: failure.passId, count: 0, failures: [] };
        group.count++;
        group.failures.push(failure);
        groups.set(key, group);
      }
      return c.json({ total: failures.length, groups: [...groups.values()].sort((a, b) => b.count - a.count) });
    },
  },
  {
    method: 'POST',
    path: '/tables/:id/failures/retry',
    summary:
      "Run a pass again over only the rows given (its failed rows, say): a new run of the same pass, with the options its first run here was given. For passes run through this daemon; a pass run elsewhere is retried by running its command again with --filter '{\"status\":\"failed\"}'.",
    body: retrySchema,
    responses: {
      202: { description: '`{ run }`; Location: /runs/{id}.' },
      400: { description: 'The pass was not run through this daemon, or is not a pass of this table.' },
      404: { description: 'No such table or pass.' },
      409: { description: 'The pass is running.' },
    },
    async handler(c, { runs, swarm }) {
      const tableId = c.req.param('id')!;
      const { passId, rowIds } = await readJsonBody(c, retrySchema, 'retry');
      const { store } = swarm.context;
      if (store.passes.report(passId).tableId !== tableId) throw new InvalidInputError(`pass ${passId} is not a pass of table ${tableId}`);
      const first = store.runs.firstOfPass(passId);
      if (first === undefined) {
        throw new InvalidInputError(`pass ${passId} was not run through this daemon, so its options are not known here: run its command again with --filter '{"status":"failed"}'`);
      }
      const request = first.request as PassRunRequest;
      return acceptedRun(c, await runs.start('pass', { tableId, options: { ...request.options, filter: { column: 'id', in: rowIds } } }));
    },
  },
];

// Messages of one cause differ in the row's values: numbers and quoted text are left out of the key.
function causeOf(message: string): string {
  return message.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…').replace(/\d+(\.\d+)?/g, '#');
}
