import type { z } from 'zod';
import { mcpServersSchema } from './mcp-server-settings.ts';

/**
 * Checks an `mcpServers` map before any connection: server names, exactly one of `command` and
 * `url`, an http(s) url, no unknown keys. Returns the problems, each naming its server; none when valid.
 */
export function checkMcpServerSettings(servers: unknown): string[] {
  const parsed = mcpServersSchema.safeParse(servers);
  return parsed.success ? [] : parsed.error.issues.map(issueMessage);
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const [server, ...rest] = issue.path.map(String);
  if (server === undefined) return 'mcpServers must be a map of server names to their settings';
  if (issue.code === 'invalid_key') return `MCP server name "${server}": ${issue.issues[0]?.message ?? issue.message}`;
  if (issue.code === 'unrecognized_keys') {
    return `MCP server "${server}": unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((key) => `"${key}"`).join(', ')} (known: command, args, env, cwd, url, headers)`;
  }
  if (rest.length === 0 && issue.code === 'invalid_type') return `MCP server "${server}": settings must be an object with "command" or "url"`;
  const where = rest.length === 0 ? '' : `${rest.join('.')}: `;
  return `MCP server "${server}": ${where}${issue.message}`;
}
