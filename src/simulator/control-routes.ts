import { Hono } from 'hono';
import { isRecord } from './is-record.ts';
import { limitNames } from './limits/limit-name.ts';
import type { SimulatorLimits } from './simulator-limits.ts';
import type { SimulatorStats } from './simulator-stats.ts';

const limitKeys: ReadonlySet<string> = new Set([...limitNames, 'maxInFlight']);

/**
 * The simulator's own endpoints, for changing it while clients run (from `curl`, with
 * `swarm simulate`): `PUT /simulator/limits` with a JSON object of limits (null lifts one), and
 * `GET /simulator/stats` for the traffic so far.
 */
export function controlRoutes({ setLimits, stats }: { setLimits(limits: SimulatorLimits): void; stats(): SimulatorStats }): Hono {
  const app = new Hono();
  app.put('/simulator/limits', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'the body must be a JSON object of limits, like {"requestsPerMinute": 30}' }, 400);
    }
    if (!isRecord(body)) return c.json({ error: 'the body must be a JSON object of limits, like {"requestsPerMinute": 30}' }, 400);
    const changes: SimulatorLimits = {};
    for (const [key, value] of Object.entries(body)) {
      if (!limitKeys.has(key)) return c.json({ error: `unknown limit "${key}"; known: ${[...limitKeys].join(', ')}` }, 400);
      if (value !== null && !(typeof value === 'number' && value > 0)) return c.json({ error: `${key} must be a number > 0, or null to lift it` }, 400);
      changes[key as keyof SimulatorLimits] = value ?? undefined;
    }
    setLimits(changes);
    // As sent: a lifted limit shows as null.
    return c.json({ changed: body });
  });
  app.get('/simulator/stats', (c) => c.json(stats()));
  return app;
}
