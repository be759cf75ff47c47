import { SwarmError } from '../errors/swarm-error.ts';

/**
 * An MCP tool call that did not give a result: the tool answered with `isError`, the call timed
 * out, or the server failed. Thrown inside the AI SDK tool's `execute`, so the model sees the
 * message as a tool error and the pass goes on.
 */
export class McpToolError extends SwarmError {
  /** The server's name in `mcpServers`. */
  readonly server: string;
  /** The tool's name on its server (before name-spacing). */
  readonly tool: string;
  /** True when the tool itself answered with `isError`; false when the call failed on the way. */
  readonly isToolResult: boolean;

  constructor(message: string, { server, tool, isToolResult, cause }: { server: string; tool: string; isToolResult: boolean; cause?: unknown }) {
    super('McpToolError', message, { cause });
    this.server = server;
    this.tool = tool;
    this.isToolResult = isToolResult;
  }

  static isInstance(error: unknown): error is McpToolError {
    return SwarmError.isInstance(error) && error.name === 'McpToolError';
  }
}
