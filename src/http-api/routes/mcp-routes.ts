import type { ApiRoute } from '../api-route.ts';

const summary = 'The MCP server (streamable HTTP, stateless): the swarm_* tools, with tasks and progress notifications.';

/** `/mcp`: the MCP streamable-HTTP endpoint, behind the same token as every other route. */
export const mcpRoutes: ApiRoute[] = (['POST', 'GET', 'DELETE'] as const).map((method) => ({
  method,
  path: '/mcp',
  summary,
  responses: {
    200: { description: 'A JSON-RPC response, or a stream of server-sent events ending with one.' },
    405: { description: 'GET and DELETE: this endpoint keeps no sessions.' },
  },
  handler: (c, { mcp }) => mcp(c.req.raw),
}));
