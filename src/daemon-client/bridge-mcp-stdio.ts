import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { randomUUID } from 'node:crypto';
import { isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
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
  const ownTokens = new Set<string | number>();
  const closed = new Promise<void>((resolve) => (local.onclose = resolve));
  remote.onmessage = (message: JSONRPCMessage) => {
    // After the handshake, requests to the daemon carry the protocol version agreed on.
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) remote.setProtocolVersion(String(message.result.protocolVersion));
    if (isJSONRPCNotification(message) && message.method === 'notifications/progress' && ownTokens.has(message.params?.progressToken as string)) return;
    void local.send(message);
  };
  local.onmessage = (received: JSONRPCMessage) => {
    const message = withProgressToken(received, ownTokens);
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

/**
 * A tool call that asks for no progress is sent with a token of the bridge's own (its progress
 * notifications then go no further than the bridge), so that the daemon's answer stream carries a
 * line as rows or tasks end: an HTTP response silent for minutes would be cut by fetch's idle
 * timeout, which the client itself never set.
 */
function withProgressToken(message: JSONRPCMessage, ownTokens: Set<string | number>): JSONRPCMessage {
  if (!isJSONRPCRequest(message) || message.method !== 'tools/call' || message.params === undefined || message.params.task !== undefined) return message;
  const meta = (message.params._meta ?? {}) as Record<string, unknown>;
  if (meta.progressToken !== undefined) return message;
  const progressToken = `swarm-mcp-bridge-${randomUUID()}`;
  // Kept for the session: a run's last notifications may come after its call's answer.
  ownTokens.add(progressToken);
  return { ...message, params: { ...message.params, _meta: { ...meta, progressToken } } };
}
