import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { estimatePass } from '../../pass/estimate-pass.ts';
import type { RunOptions } from '../../pass/run-options.ts';
import type { PassRunRequest } from '../../runs/pass-run-kind.ts';
import type { ApiRoute } from '../api-route.ts';

/** Passes of every table, and the dry-run projection of one beside what it cost. */
export const passRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/passes',
    summary: "Every pass of the store (run here, from the CLI or the library), most recently changed first: its rows done, failed and unanswered, calls, tokens, cost and status, as `swarm passes` shows them.",
    responses: { 200: { description: '`{ passes: [{ id, tableId, model, status, rows: { done, failed, unanswered }, calls, rateLimited, retries, inputTokens, outputTokens, cost?, ... }] }`' } },
    async handler(c, { swarm }) {
      const { store } = swarm.context;
      const passes = (await swarm.tables()).flatMap((table) => store.passes.list(table.id));
      return c.json({ passes: passes.sort((a, b) => b.updatedAt - a.updatedAt) });
    },
  },
  {
    method: 'GET',
    path: '/passes/:id/projection',
    summary:
      "What `swarm run --dry-run` projects for the whole pass from scratch (every matched row, no cache), beside what its calls cost. Known for passes run through this daemon, whose options it keeps; for others `projection` is absent.",
    responses: { 200: { description: '`{ passId, actual: { calls, tokens, cost }, projection?: { rows, calls, inputTokens, outputTokens, cost? } }`' }, 404: { description: 'No such pass.' } },
    async handler(c, { swarm }) {
      const passId = c.req.param('id')!;
      const { store } = swarm.context;
      const pass = store.passes.report(passId);
      const actual = store.spend.ofPass(passId);
      const request = store.runs.firstOfPass(passId)?.request as PassRunRequest | undefined;
      if (request === undefined) return c.json({ passId, actual });
      const given = { ...(request.options as RunOptions), overwrite: true } as RunOptions;
      // A command pass has no cache to leave out.
      const options = (given.command === undefined ? { ...given, cache: false } : given) as RunOptions;
      // Under another pass key nothing counts as answered already: the projection covers the pass from its first row
      // (it writes nothing, so the columns this pass owns are no obstacle).
      const estimate = await estimatePass(swarm.context, pass.tableId, options, { key: 'dashboard-projection' }).catch((error: unknown) => {
        throw new InvalidInputError(`pass ${passId} can no longer be projected: ${(error as Error).message}`);
      });
      const { rows, calls, inputTokens, outputTokens, cost } = estimate;
      return c.json({ passId, actual, projection: { rows, calls, inputTokens, outputTokens, ...(cost === undefined ? {} : { cost }) } });
    },
  },
];
