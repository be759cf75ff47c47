export { connectMcpServers, type ConnectMcpServersOptions, type McpToolSet } from './connect-mcp-servers.ts';
export { checkMcpServerSettings } from './check-mcp-server-settings.ts';
export { mcpServersSchema, mcpServerSettingsSchema, type McpServerSettings, type McpStdioServerSettings, type McpHttpServerSettings } from './mcp-server-settings.ts';
export { McpConnectionError } from './mcp-connection-error.ts';
export { McpToolError } from './mcp-tool-error.ts';
