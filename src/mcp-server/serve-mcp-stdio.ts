import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './create-mcp-server.ts';
import type { McpServices } from './mcp-tool.ts';

/** Serves the MCP server on stdin/stdout until the client closes it; resolves then. */
export async function serveMcpStdio(services: McpServices, { version, stdin = process.stdin, stdout = process.stdout }: { version: string; stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream }): Promise<void> {
  const server = createMcpServer(services, { version });
  const transport = new StdioServerTransport(stdin as never, stdout as never);
  const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
  await server.connect(transport);
  // The SDK's transport ends on its own only when told; the client closing stdin is the end.
  stdin.once('end', () => void server.close());
  await closed;
}
