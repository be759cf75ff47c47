import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { SpendGrouping } from '../../store/operations/spend.ts';
import type { ApiRoute } from '../api-route.ts';

const groupings: SpendGrouping[] = ['model', 'pass', 'day'];

/** What the store's calls cost, grouped, as `swarm spend` prints it. */
export const spendRoute: ApiRoute = {
  method: 'GET',
  path: '/spend',
  summary: "What every provider call the store recorded used and cost, by model, pass or UTC day (dropped tables' calls included), and today's spend against the daily cap.",
  query: { by: `One of ${groupings.join(', ')} (default model).` },
  responses: { 200: { description: '`{ by, lines: [{ key, calls, inputTokens, outputTokens, cost?, tableId?, model? }], today, maxDailyCost? }`' } },
  handler(c, { swarm }) {
    const by = (c.req.query('by') ?? 'model') as SpendGrouping;
    if (!groupings.includes(by)) throw new InvalidInputError(`?by must be one of ${groupings.join(', ')}, got ${JSON.stringify(by)}`);
    const { store, config } = swarm.context;
    const maxDailyCost = config.budget?.maxDailyCost;
    const today = store.spend.costSince(new Date().setUTCHours(0, 0, 0, 0));
    return c.json({ by, lines: store.spend.report({ by }), today, ...(maxDailyCost === undefined ? {} : { maxDailyCost }) });
  },
};
