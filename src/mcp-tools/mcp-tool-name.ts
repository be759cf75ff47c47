/**
 * The AI SDK name of tool `tool` of server `server`: `<server>__<tool>`, every character outside
 * `[a-zA-Z0-9_-]` replaced by `_`, cut to 64 characters (the most providers accept).
 */
export function mcpToolName(server: string, tool: string): string {
  return `${server}__${tool}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
}
