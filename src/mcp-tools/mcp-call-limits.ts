/** How long one MCP tool call may take; prepared once by `connectMcpServers`. */
export interface McpCallLimits {
  /** The longest wait for an answer without a progress notification; each notification restarts it. */
  timeoutMs: number;
  /** The longest a call may take in all, progress or not; undefined for no limit beyond the abort signal. */
  maxTotalTimeoutMs: number | undefined;
}
