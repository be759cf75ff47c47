import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { createMcpServer } from './create-mcp-server.ts';
import type { McpServices } from './mcp-tool.ts';

/**
 * The daemon's `/mcp` endpoint: streamable HTTP without sessions, a server per request. Nothing
 * lives in a session (tasks are runs in the store), so there is no session to keep: GET (a
 * standalone event stream) and DELETE (ending a session) answer 405, which clients take in stride.
 */
export function createMcpHttpHandler(services: McpServices, { version }: { version: string }): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') {
      return Response.json({ jsonrpc: '2.0', error: { code: -32000, message: 'this endpoint keeps no sessions: POST only' }, id: null }, { status: 405, headers: { allow: 'POST' } });
    }
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = createMcpServer(services, { version });
    await server.connect(transport);
    return transport.handleRequest(request);
  };
}
