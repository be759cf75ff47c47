import type { ToolSet } from 'ai';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { checkMcpServerSettings } from './check-mcp-server-settings.ts';
import { clientVersion } from './client-version.ts';
import { connectMcpServer, type McpConnection } from './connect-mcp-server.ts';
import type { McpCallLimits } from './mcp-call-limits.ts';
import { McpConnectionError } from './mcp-connection-error.ts';
import type { McpServerSettings } from './mcp-server-settings.ts';
import { mcpToolName } from './mcp-tool-name.ts';
import { wrapMcpTool } from './wrap-mcp-tool.ts';

/** The tools of a set of connected MCP servers, and the way to let go of them. */
export interface McpToolSet {
  /** AI SDK tools (with execute), named `<server>__<tool>` (sanitized to ^[a-zA-Z0-9_-]{1,64}$). */
  tools: ToolSet;
  /** Closes every client; stdio servers' processes are ended. Safe to call more than once. */
  close(): Promise<void>;
}

/** Options of `connectMcpServers`. */
export interface ConnectMcpServersOptions {
  /** Aborts connecting: connections made so far are closed and the promise rejects with the signal's reason. */
  abortSignal?: AbortSignal;
  /** The longest a tool call may go without an answer or a progress notification; each notification restarts it. Default 600,000 (10 min). */
  timeoutMs?: number;
  /** The longest a tool call may take in all, progress or not. Default none: the abort signal of the agent's step bounds it. */
  maxTotalTimeoutMs?: number;
  /** The client name servers are told. Default "swarm". */
  clientName?: string;
  /** The environment stdio servers inherit from (only its safe variables; see `stdioServerEnvironment`). Default `process.env`. */
  environment?: NodeJS.ProcessEnv;
}

/**
 * Connects to every server (in parallel), lists its tools (all pages), and wraps each as an AI SDK
 * tool. Settings are checked first (`InvalidInputError`); if any server fails to start, connect or
 * list its tools, the others are closed and a `McpConnectionError` names it. Two tools whose names
 * are the same once sanitized are an `InvalidInputError`.
 */
export async function connectMcpServers(
  servers: Record<string, McpServerSettings>,
  { abortSignal, timeoutMs = 600_000, maxTotalTimeoutMs, clientName = 'swarm', environment = process.env }: ConnectMcpServersOptions = {},
): Promise<McpToolSet> {
  const problems = checkMcpServerSettings(servers);
  if (problems.length > 0) throw new InvalidInputError(problems.join('\n'));
  const connections = await connectAll(servers, { abortSignal, clientName, environment });
  const close = async () => {
    await Promise.all(connections.map((connection) => connection.close().catch(() => {})));
  };
  try {
    return { tools: wrapTools(connections, { timeoutMs, maxTotalTimeoutMs }), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Connects to every server at once; at the first failure the rest are stopped, and those connected are closed. */
async function connectAll(
  servers: Record<string, McpServerSettings>,
  { abortSignal, clientName, environment }: { abortSignal?: AbortSignal; clientName: string; environment: NodeJS.ProcessEnv },
): Promise<McpConnection[]> {
  const stopRest = new AbortController();
  const signal = abortSignal === undefined ? stopRest.signal : AbortSignal.any([abortSignal, stopRest.signal]);
  const version = clientVersion();
  const outcomes = await Promise.allSettled(
    Object.entries(servers).map(async ([server, settings]) => {
      try {
        return await connectMcpServer(server, settings, { clientName, clientVersion: version, abortSignal: signal, environment });
      } catch (error) {
        stopRest.abort(error);
        throw error;
      }
    }),
  );
  const connections = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length === 0) return connections;
  await Promise.all(connections.map((connection) => connection.close().catch(() => {})));
  if (abortSignal?.aborted) throw abortSignal.reason;
  // Servers stopped because another failed reject with that failure; the first real one is the news.
  throw failures.find((failure) => McpConnectionError.isInstance(failure)) ?? failures[0];
}

function wrapTools(connections: McpConnection[], limits: McpCallLimits): ToolSet {
  const tools: ToolSet = {};
  const origins = new Map<string, string>();
  for (const { server, client, tools: mcpTools } of connections) {
    for (const mcpTool of mcpTools) {
      const name = mcpToolName(server, mcpTool.name);
      const origin = `tool "${mcpTool.name}" of server "${server}"`;
      const clash = origins.get(name);
      if (clash !== undefined) throw new InvalidInputError(`MCP ${clash} and ${origin} would both be named "${name}" (names keep only letters, digits, "_" and "-", at most 64 characters)`);
      origins.set(name, origin);
      tools[name] = wrapMcpTool(server, client, mcpTool, limits);
    }
  }
  return tools;
}
