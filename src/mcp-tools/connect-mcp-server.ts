import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { capText } from './cap-text.ts';
import { describeError } from './describe-error.ts';
import { McpConnectionError } from './mcp-connection-error.ts';
import type { McpServerSettings } from './mcp-server-settings.ts';
import { requestSignal } from './request-signal.ts';
import { followStderr, type StderrTail } from './stderr-tail.ts';
import { stdioServerEnvironment } from './stdio-server-environment.ts';

/** One connected MCP server: its client and the tools it listed. */
export interface McpConnection {
  /** The server's name in `mcpServers`. */
  server: string;
  client: Client;
  /** Every tool the server listed, all pages. */
  tools: McpTool[];
  /** Closes the client; a stdio server's process is ended (stdin closed, then SIGTERM, then SIGKILL). */
  close(): Promise<void>;
}

/** How long a failed stdio server's stderr is awaited, so that its last words make it into the error. */
const stderrWaitMs = 500;
/** The most characters of a failure's reason put in the error (an HTTP error quotes the response body). */
const maxReasonCharacters = 1_000;
/** How long closing an HTTP connection waits for the server to end the session. */
const sessionEndWaitMs = 2_000;

/**
 * Starts or reaches server `server`, does the MCP handshake and lists its tools. On any failure
 * the connection is closed and a `McpConnectionError` names the server, the step that failed and,
 * for a stdio server, the tail of its stderr. An abort rejects with the signal's reason.
 */
export async function connectMcpServer(
  server: string,
  settings: McpServerSettings,
  { clientName, clientVersion, abortSignal, environment = process.env }: { clientName: string; clientVersion: string; abortSignal?: AbortSignal; environment?: NodeJS.ProcessEnv },
): Promise<McpConnection> {
  const client = new Client({ name: clientName, version: clientVersion }, { capabilities: {} });
  let stderr: StderrTail | undefined;
  let endSession = async () => {};
  let step = 'could not start';
  const { signal, release } = requestSignal(abortSignal);
  try {
    signal.throwIfAborted();
    if ('command' in settings) {
      const transport = new StdioClientTransport({
        command: settings.command,
        args: settings.args,
        env: stdioServerEnvironment(settings.env, environment),
        cwd: settings.cwd,
        stderr: 'pipe',
      });
      stderr = followStderr(transport.stderr);
      step = `could not start "${settings.command}"`;
      await client.connect(transport, { signal });
    } else {
      const transport = new StreamableHTTPClientTransport(new URL(settings.url), { requestInit: { headers: settings.headers } });
      step = `could not connect to ${describeUrl(settings.url)}`;
      await client.connect(transport, { signal });
      // The spec asks clients to end their session; a server that does not answer is not waited for.
      endSession = () => withinMs(sessionEndWaitMs, transport.terminateSession().catch(() => {}));
    }
    step = 'could not list its tools';
    const tools = client.getServerCapabilities()?.tools === undefined ? [] : await listAllTools(client, signal);
    return {
      server,
      client,
      tools,
      close: async () => {
        await endSession();
        await client.close();
      },
    };
  } catch (error) {
    await client.close().catch(() => {});
    if (signal.aborted) throw signal.reason;
    await stderr?.ended(stderrWaitMs);
    // The HTTP status is kept apart from the message, which quotes the body (maybe a whole web page).
    const status = error instanceof StreamableHTTPError && error.code !== undefined ? `HTTP ${error.code}: ` : '';
    throw new McpConnectionError(server, `${step}: ${status}${capText(describeError(error), maxReasonCharacters)}`, { stderrTail: stderr?.text(), cause: error });
  } finally {
    release();
  }
}

async function listAllTools(client: Client, signal: AbortSignal): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  const cursorsSeen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor }, { signal });
    tools.push(...page.tools);
    cursor = page.nextCursor;
    if (cursor !== undefined) {
      if (cursorsSeen.has(cursor)) throw new Error(`the server repeated page cursor "${cursor}"`);
      cursorsSeen.add(cursor);
    }
  } while (cursor !== undefined);
  return tools;
}

function withinMs(ms: number, promise: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A server's URL without its query, fragment or credentials, which may hold tokens. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
