import type { ApiRoute } from '../api-route.ts';

/** `GET /status`: the daemon, its runs, its limiters and today's spend. */
export const statusRoute: ApiRoute = {
  method: 'GET',
  path: '/status',
  summary: "The daemon's process, runs under way, calls in flight, each limiter's learned limits and parks, and today's spend against the daily cap.",
  responses: { 200: { description: 'The status (as `swarm status --json` prints it).' } },
  handler: (c, { status }) => c.json(status()),
};
