import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { DaemonInfo } from '../daemon/daemon-file.ts';

// JSON-RPC's code for an error of the server's own (the daemon could not be reached).
const serverErrorCode = -32000;

/**
 * `swarm mcp` while a daemon serves the store: a bridge between the MCP client on stdin/stdout and
 * the daemon's `/mcp` (streamable HTTP, with its token), message for message both ways, so that the
 * client's runs are the daemon's, under its limiters. Resolves when the client closes stdin.
 */
export async function bridgeMcpStdio(
  daemon: DaemonInfo,
  { stdin = process.stdin, stdout = process.stdout }: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<void> {
  const local = new StdioServerTransport(stdin as never, stdout as never);
  const remote = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${daemon.port}/mcp`), { requestInit: { headers: { authorization: `Bearer ${daemon.token}` } } });
  const initializeIds = new Set<string | number>();
  const closed = new Promise<void>((resolve) => (local.onclose = resolve));
  remote.onmessage = (message: JSONRPCMessage) => {
    // After the handshake, requests to the daemon carry the protocol version agreed on.
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) remote.setProtocolVersion(String(message.result.protocolVersion));
    void local.send(message);
  };
  local.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === 'initialize') initializeIds.add(message.id);
    remote.send(message).catch((error: unknown) => {
      if (!isJSONRPCRequest(message)) return;
      const reason = (error as Error)?.message ?? String(error);
      void local.send({ jsonrpc: '2.0', id: message.id, error: { code: serverErrorCode, message: `the Swarm daemon (pid ${daemon.pid}) did not answer: ${reason}; swarm restart starts it again` } });
    });
  };
  await remote.start();
  await local.start();
  // The SDK's transport ends on its own only when told; the client closing stdin is the end.
  stdin.once('end', () => void local.close());
  await closed;
  await remote.close();
}
