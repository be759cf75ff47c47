import { SwarmError } from '../errors/swarm-error.ts';

/** An MCP server could not be started, connected to, or asked for its tools. Names the server; a stdio server's stderr tail is kept. */
export class McpConnectionError extends SwarmError {
  /** The server's name in `mcpServers`. */
  readonly server: string;
  /** The last lines a stdio server wrote to stderr, if any. */
  readonly stderrTail?: string;

  constructor(server: string, message: string, { stderrTail, cause }: { stderrTail?: string; cause?: unknown } = {}) {
    const tail = stderrTail === undefined || stderrTail === '' ? '' : `\n  its stderr ended with:\n${indent(stderrTail)}`;
    super('McpConnectionError', `MCP server "${server}": ${message}${tail}`, { cause });
    this.server = server;
    this.stderrTail = stderrTail;
  }

  static isInstance(error: unknown): error is McpConnectionError {
    return SwarmError.isInstance(error) && error.name === 'McpConnectionError';
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
