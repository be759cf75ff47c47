import { z } from 'zod';

/** How to reach one MCP server: a program spoken to over stdio, or a streamable-HTTP endpoint. */
export type McpServerSettings = McpStdioServerSettings | McpHttpServerSettings;

/** A server started as a child process and spoken to over its stdin and stdout. */
export interface McpStdioServerSettings {
  /** The program to run (looked up on PATH), without a shell. */
  command: string;
  /** Its arguments. */
  args?: string[];
  /** Variables added to its environment, which otherwise holds only a safe allowlist (no API keys). */
  env?: Record<string, string>;
  /** The folder it runs in; default the current working directory. */
  cwd?: string;
}

/** A server reached over streamable HTTP. */
export interface McpHttpServerSettings {
  /** Its endpoint, http: or https:. */
  url: string;
  /** Headers sent with every request, e.g. `Authorization`. */
  headers?: Record<string, string>;
}

/** Server names are the prefix of their tools' names (`<server>__<tool>`), so they keep to the characters tool names allow. */
export const mcpServerNamePattern = /^[A-Za-z0-9_-]{1,32}$/;

const stringMap = z.record(z.string(), z.string());

/**
 * The zod schema of one server's settings. Both kinds share one strict object, so an unknown key
 * or a key of the other kind is named as such, instead of a union's "no variant matched".
 */
export const mcpServerSettingsSchema = z
  .strictObject({
    command: z.string().min(1, 'must not be empty').optional(),
    args: z.array(z.string()).optional(),
    env: stringMap.optional(),
    cwd: z.string().min(1, 'must not be empty').optional(),
    url: z.string().optional(),
    headers: stringMap.optional(),
  })
  .superRefine((settings, context) => {
    const stdioKeys = ['command', 'args', 'env', 'cwd'].filter((key) => key in settings);
    const httpKeys = ['url', 'headers'].filter((key) => key in settings);
    if (settings.command !== undefined && settings.url !== undefined) {
      context.addIssue({ code: 'custom', message: 'set either "command" (a program to run over stdio) or "url" (a streamable-HTTP endpoint), not both' });
      return;
    }
    if (settings.command === undefined && settings.url === undefined) {
      context.addIssue({ code: 'custom', message: 'set "command" (a program to run over stdio) or "url" (a streamable-HTTP endpoint)' });
      return;
    }
    if (settings.url !== undefined) {
      if (stdioKeys.length > 0) context.addIssue({ code: 'custom', message: `${quotedList(stdioKeys)} ${stdioKeys.length === 1 ? 'is' : 'are'} only for "command" servers` });
      const problem = urlProblem(settings.url);
      if (problem !== undefined) context.addIssue({ code: 'custom', path: ['url'], message: problem });
    } else if (httpKeys.length > 0) {
      context.addIssue({ code: 'custom', message: `${quotedList(httpKeys)} ${httpKeys.length === 1 ? 'is' : 'are'} only for "url" servers` });
    }
  })
  .transform((settings) => settings as McpServerSettings);

/** The zod schema of an `mcpServers` map, server name to settings. */
export const mcpServersSchema = z.record(
  z.string().regex(mcpServerNamePattern, 'server names are 1 to 32 letters, digits, "_" or "-"'),
  mcpServerSettingsSchema,
);

function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `must be http: or https:, not ${parsed.protocol}`;
  return undefined;
}

function quotedList(keys: string[]): string {
  return keys.map((key) => `"${key}"`).join(', ');
}
