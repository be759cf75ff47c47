import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError, type CallToolResult, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { dynamicTool, jsonSchema, type JSONSchema7, type Tool } from 'ai';
import { capText } from './cap-text.ts';
import { describeError } from './describe-error.ts';
import type { McpCallLimits } from './mcp-call-limits.ts';
import { McpToolError } from './mcp-tool-error.ts';
import { requestSignal } from './request-signal.ts';
import { contentText, maxToolOutputCharacters, toolResultText } from './tool-result-text.ts';

/**
 * Tool `mcpTool` of server `server` as an AI SDK tool: its JSON Schema as the input schema, its
 * description kept, `execute` calling `tools/call`. The result comes back as text for the model;
 * an `isError` result, a timeout or a failed call is thrown as a `McpToolError`, which the AI SDK
 * hands to the model as a tool error. Aborting the step's signal cancels the call on the server.
 */
export function wrapMcpTool(server: string, client: Client, mcpTool: McpTool, limits: McpCallLimits): Tool<unknown, string> {
  return dynamicTool({
    description: mcpTool.description ?? mcpTool.title,
    inputSchema: jsonSchema(mcpTool.inputSchema as JSONSchema7),
    execute: async (input, { abortSignal }) => {
      const { signal, release } = requestSignal(abortSignal);
      let result: CallToolResult;
      try {
        result = (await client.callTool({ name: mcpTool.name, arguments: input as Record<string, unknown> }, undefined, {
          signal,
          timeout: limits.timeoutMs,
          resetTimeoutOnProgress: true,
          maxTotalTimeout: limits.maxTotalTimeoutMs,
          // Asking for progress is what makes the server send it; the notifications only restart the timeout.
          onprogress: () => {},
        })) as CallToolResult;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw new McpToolError(failureMessage(server, mcpTool.name, error, limits), { server, tool: mcpTool.name, isToolResult: false, cause: error });
      } finally {
        release();
      }
      if (result.isError === true) {
        const text = contentText(result.content) || (result.structuredContent === undefined ? 'the tool reported an error without saying what' : JSON.stringify(result.structuredContent));
        throw new McpToolError(capText(text, maxToolOutputCharacters), { server, tool: mcpTool.name, isToolResult: true });
      }
      return toolResultText(result);
    },
  }) as Tool<unknown, string>;
}

function failureMessage(server: string, tool: string, error: unknown, limits: McpCallLimits): string {
  const what = `MCP tool "${tool}" of server "${server}"`;
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    // The SDK's two timeouts differ only in their data: the total one names `maxTotalTimeout`.
    const total = typeof error.data === 'object' && error.data !== null && 'maxTotalTimeout' in error.data;
    return total ? `${what} timed out: it took over ${limits.maxTotalTimeoutMs} ms in all` : `${what} timed out: no answer and no progress for ${limits.timeoutMs} ms`;
  }
  return `${what} failed: ${describeError(error)}`;
}
