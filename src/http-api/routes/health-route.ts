import type { ApiRoute } from '../api-route.ts';

/** `GET /health`: the one route answered without the token; says nothing but that Swarm is up. */
export const healthRoute: ApiRoute = {
  method: 'GET',
  path: '/health',
  summary: 'Whether the daemon is up (no token needed).',
  public: true,
  responses: { 200: { description: '`{ status: "ok", service: "swarm" }`' } },
  handler: (c) => c.json({ status: 'ok', service: 'swarm' }),
};
