import { describe, expect, it } from 'vitest';
import { checkMcpServerSettings } from './check-mcp-server-settings.ts';

describe('checkMcpServerSettings', () => {
  it('accepts stdio and HTTP servers', () => {
    expect(
      checkMcpServerSettings({
        files: { command: 'npx', args: ['-y', 'some-mcp-server'], env: { ROOT: '/data' }, cwd: '/tmp' },
        'web-search_2': { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer abc' } },
        local: { url: 'http://127.0.0.1:8080/mcp' },
      }),
    ).toEqual([]);
  });

  it.each([
    [null, 'mcpServers must be a map of server names to their settings'],
    [['files'], 'mcpServers must be a map of server names to their settings'],
    [{ 'my server': { command: 'x' } }, 'MCP server name "my server": server names are 1 to 32 letters, digits, "_" or "-"'],
    [{ ['a'.repeat(33)]: { command: 'x' } }, `MCP server name "${'a'.repeat(33)}": server names are 1 to 32 letters, digits, "_" or "-"`],
    [{ both: { command: 'x', url: 'http://x' } }, 'MCP server "both": set either "command" (a program to run over stdio) or "url" (a streamable-HTTP endpoint), not both'],
    [{ neither: {} }, 'MCP server "neither": set "command" (a program to run over stdio) or "url" (a streamable-HTTP endpoint)'],
    [{ files: 'npx some-server' }, 'MCP server "files": settings must be an object with "command" or "url"'],
    [{ web: { url: 'ftp://example.com/mcp' } }, 'MCP server "web": url: must be http: or https:, not ftp:'],
    [{ web: { url: 'example.com/mcp' } }, 'MCP server "web": url: "example.com/mcp" is not a URL'],
    [{ web: { url: 'https://x', env: { A: 'b' } } }, 'MCP server "web": "env" is only for "command" servers'],
    [{ files: { command: 'x', headers: { A: 'b' } } }, 'MCP server "files": "headers" is only for "url" servers'],
    [{ files: { command: 'x', arguments: ['a'] } }, 'MCP server "files": unknown key "arguments" (known: command, args, env, cwd, url, headers)'],
    [{ files: { command: '' } }, 'MCP server "files": command: must not be empty'],
    [{ files: { command: 'x', args: ['a', 1] } }, 'MCP server "files": args.1: Invalid input: expected string, received number'],
    [{ files: { command: 'x', env: { PORT: 8080 } } }, 'MCP server "files": env.PORT: Invalid input: expected string, received number'],
  ])('refuses %j', (servers, problem) => {
    expect(checkMcpServerSettings(servers)).toEqual([problem]);
  });

  it('names every server with a problem', () => {
    expect(checkMcpServerSettings({ a: {}, b: { command: 'ok' }, c: { url: 'mailto:x@y' } })).toEqual([
      'MCP server "a": set "command" (a program to run over stdio) or "url" (a streamable-HTTP endpoint)',
      'MCP server "c": url: must be http: or https:, not mailto:',
    ]);
  });
});
