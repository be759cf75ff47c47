// connectMcpServers against real MCP servers: a stdio child written with the SDK's McpServer and a
// streamable-HTTP server on a loopback port, driven through a real AI SDK tool loop.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { generateText, stepCountIs, type ToolSet } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { connectMcpServers, type McpToolSet } from './connect-mcp-servers.ts';
import { startHttpFixtureServer, type HttpFixtureServer } from './fixtures/http-fixture-server.ts';
import { McpConnectionError } from './mcp-connection-error.ts';
import { McpToolError } from './mcp-tool-error.ts';
import { safeVariableNames } from '../tools/shell/child-environment.ts';

const fixtureScript = new URL('./fixtures/stdio-fixture-server.ts', import.meta.url).pathname;
const stdioFixture = { command: process.execPath, args: [fixtureScript] };
const token = 'fixture-token';

let http: HttpFixtureServer;
const toolSets: McpToolSet[] = [];

beforeAll(async () => {
  http = await startHttpFixtureServer({ token });
});
afterAll(async () => {
  await http.close();
});
afterEach(async () => {
  await Promise.all(toolSets.splice(0).map((toolSet) => toolSet.close()));
});

/** Connects and remembers the set, so every test's servers are closed after it. */
async function connect(...args: Parameters<typeof connectMcpServers>): Promise<McpToolSet> {
  const toolSet = await connectMcpServers(...args);
  toolSets.push(toolSet);
  return toolSet;
}

/** Calls one tool's `execute` as the AI SDK would. */
async function callTool(tools: ToolSet, name: string, input: unknown, abortSignal?: AbortSignal): Promise<unknown> {
  const execute = tools[name]?.execute;
  if (execute === undefined) throw new Error(`no tool ${name}`);
  return execute(input, { toolCallId: 'call-1', messages: [], context: {}, abortSignal });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };

describe('connectMcpServers', () => {
  it('lists every tool of every server (all pages) and names them <server>__<tool>', async () => {
    const { tools } = await connect({ files: stdioFixture, web: { url: http.url, headers: { Authorization: `Bearer ${token}` } } });
    expect(Object.keys(tools).sort()).toEqual([
      'files__cancelled_calls',
      'files__echo',
      'files__env_keys',
      'files__fail',
      'files__picture',
      'files__pid',
      'files__slow',
      'files__started_calls',
      'web__echo',
      'web__slow',
      'web__weird_name_with_spaces',
    ]);
    expect(tools.files__echo?.description).toBe('Echoes its text back');
    const schema = await (tools.web__echo?.inputSchema as { jsonSchema: unknown }).jsonSchema;
    expect(schema).toEqual({ type: 'object', properties: { text: { type: 'string' } }, required: ['text'] });
    expect(await callTool(tools, 'web__weird_name_with_spaces', {})).toBe('weird');
    expect(await callTool(tools, 'files__picture', {})).toBe('a red pixel:\n[image: image/png, 16 bytes]');
  });

  it('runs in an AI SDK tool loop: parallel calls on both servers, a tool error reaches the model, the loop completes', async () => {
    const { tools } = await connect({ files: stdioFixture, web: { url: http.url, headers: { Authorization: `Bearer ${token}` } } });
    const prompts: LanguageModelV4CallOptions['prompt'][] = [];
    const model = new MockLanguageModelV4({
      doGenerate: async (options): Promise<LanguageModelV4GenerateResult> => {
        prompts.push(options.prompt);
        if (prompts.length === 1) {
          return {
            content: [
              { type: 'tool-call', toolCallId: 'call-echo', toolName: 'files__echo', input: '{"text":"hello"}' },
              { type: 'tool-call', toolCallId: 'call-fail', toolName: 'files__fail', input: '{}' },
              { type: 'tool-call', toolCallId: 'call-web', toolName: 'web__echo', input: '{"text":"there"}' },
            ],
            finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
            usage,
            warnings: [],
          };
        }
        return { content: [{ type: 'text', text: 'all done' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
      },
    });
    const result = await generateText({ model, tools, prompt: 'use the tools', stopWhen: stepCountIs(5) });
    expect(result.text).toBe('all done');
    expect(result.steps).toHaveLength(2);
    const outcomes = result.steps[0]!.content.filter((part) => part.type === 'tool-result' || part.type === 'tool-error');
    expect(outcomes.map((part) => [part.toolName, part.type === 'tool-result' ? part.output : String(part.error)])).toEqual([
      ['files__echo', 'echo: hello'],
      ['files__fail', 'McpToolError: the fail tool always fails'],
      ['web__echo', 'http echo: there'],
    ]);
    const toolMessage = prompts[1]!.find((message) => message.role === 'tool');
    const failure = toolMessage?.content.find((part) => part.type === 'tool-result' && part.toolName === 'files__fail');
    expect(failure).toMatchObject({ output: { type: 'error-text', value: 'McpToolError: the fail tool always fails' } });
  });

  it('a call that reports progress outlives its timeout; one that is silent does not; the total cap holds either way', async () => {
    const { tools } = await connect(
      { files: stdioFixture, web: { url: http.url, headers: { Authorization: `Bearer ${token}` } } },
      { timeoutMs: 400 },
    );
    expect(await callTool(tools, 'files__slow', { ms: 1_200 })).toBe('slow done after 1200 ms');
    expect(await callTool(tools, 'web__slow', { ms: 1_200 })).toBe('http slow done after 1200 ms');
    const silent = await callTool(tools, 'files__slow', { ms: 1_200, progress: false }).catch((error: unknown) => error);
    expect(McpToolError.isInstance(silent) && [silent.isToolResult, silent.message]).toEqual([
      false,
      'MCP tool "slow" of server "files" timed out: no answer and no progress for 400 ms',
    ]);

    const capped = await connect({ files: stdioFixture }, { timeoutMs: 400, maxTotalTimeoutMs: 700 });
    const started = Date.now();
    const tooLong = await callTool(capped.tools, 'files__slow', { ms: 3_000 }).catch((error: unknown) => error);
    expect(McpToolError.isInstance(tooLong) && tooLong.message).toBe('MCP tool "slow" of server "files" timed out: it took over 700 ms in all');
    expect(Date.now() - started).toBeLessThan(2_900);
  });

  it('gives a stdio server no API keys: only the allowlist and its own env', async () => {
    const saved = { OPENAI_API_KEY: process.env.OPENAI_API_KEY, ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY };
    process.env.OPENAI_API_KEY = 'sk-parent-secret-0123456789';
    process.env.ANTHROPIC_API_KEY = 'sk-ant-parent-secret-0123456789';
    try {
      const { tools } = await connect({ files: { ...stdioFixture, env: { FIXTURE_SETTING: 'given by the user' } } });
      const { keys } = JSON.parse(String(await callTool(tools, 'files__env_keys', {}))) as { keys: string[] };
      expect(keys).toContain('FIXTURE_SETTING');
      expect(keys).toContain('PATH');
      expect(keys).not.toContain('OPENAI_API_KEY');
      expect(keys.filter((key) => key !== 'FIXTURE_SETTING' && !([...safeVariableNames, 'LOGNAME'] as readonly string[]).includes(key))).toEqual([]);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('an abort cancels a running call, on the server too', async () => {
    const { tools } = await connect({ files: stdioFixture });
    const controller = new AbortController();
    const started = Date.now();
    const call = callTool(tools, 'files__slow', { ms: 10_000, label: 'abort-me' }, controller.signal).catch((error: unknown) => error);
    // Aborted once the server has the call, however long a loaded machine took to get it there.
    await expect.poll(async () => callTool(tools, 'files__started_calls', {}), { timeout: 30_000, interval: 50 }).toBe('["abort-me"]');
    controller.abort(new Error('stop now'));
    expect(await call).toEqual(new Error('stop now'));
    expect(Date.now() - started).toBeLessThan(9_000);
    await expect.poll(async () => callTool(tools, 'files__cancelled_calls', {}), { timeout: 10_000 }).toBe('["abort-me"]');
  });

  it('close ends the stdio child and the HTTP session', async () => {
    const toolSet = await connectMcpServers({ files: stdioFixture, web: { url: http.url, headers: { Authorization: `Bearer ${token}` } } });
    const pid = Number(await callTool(toolSet.tools, 'files__pid', {}));
    expect(isRunning(pid)).toBe(true);
    expect(http.openSessions()).toBeGreaterThan(0);
    await toolSet.close();
    expect(isRunning(pid)).toBe(false);
    expect(http.openSessions()).toBe(0);
    await toolSet.close();
  });
});

describe('connectMcpServers refuses', () => {
  it.each([
    ['both command and url', { both: { command: 'node', url: 'http://127.0.0.1:1/mcp' } }, 'MCP server "both": set either "command"'],
    ['neither', { empty: {} }, 'MCP server "empty": set "command"'],
    ['a url that is not http(s)', { files: { url: 'file:///etc/passwd' } }, 'MCP server "files": url: must be http: or https:, not file:'],
  ])('settings with %s, before starting anything', async (_, servers, message) => {
    const refused = await connectMcpServers(servers as never).catch((error: unknown) => error);
    expect(InvalidInputError.isInstance(refused) && refused.message).toContain(message);
  });

  it('a server that exits at once, naming it and showing its stderr tail', async () => {
    const script = "console.error('loading config'); console.error('fatal: cannot read /nope/config.json'); process.exit(3)";
    const refused = await connectMcpServers({ broken: { command: process.execPath, args: ['-e', script] } }).catch((error: unknown) => error);
    expect(McpConnectionError.isInstance(refused)).toBe(true);
    const error = refused as McpConnectionError;
    expect(error.server).toBe('broken');
    expect(error.stderrTail).toBe('loading config\nfatal: cannot read /nope/config.json');
    expect(error.message).toMatch(/^MCP server "broken": could not start ".*node.*": MCP error -32000: Connection closed\n {2}its stderr ended with:\n {4}loading config\n {4}fatal: cannot read \/nope\/config.json$/);
  });

  it('a program that does not exist', async () => {
    const refused = await connectMcpServers({ missing: { command: '/nonexistent/mcp-server' } }).catch((error: unknown) => error);
    expect(McpConnectionError.isInstance(refused) && refused.message).toMatch(/^MCP server "missing": could not start "\/nonexistent\/mcp-server": .*ENOENT/);
  });

  it('an HTTP server that refuses the headers, or is not there', async () => {
    const unauthorized = await connectMcpServers({ web: { url: http.url, headers: { Authorization: 'Bearer wrong' } } }).catch((error: unknown) => error);
    expect(McpConnectionError.isInstance(unauthorized) && unauthorized.message).toMatch(/^MCP server "web": could not connect to http:\/\/127\.0\.0\.1:\d+\/mcp: HTTP 401: /);
    expect(McpConnectionError.isInstance(unauthorized) && unauthorized.message).not.toContain('wrong');
    const port = await freePort();
    const absent = await connectMcpServers({ gone: { url: `http://127.0.0.1:${port}/mcp?token=secret` } }).catch((error: unknown) => error);
    expect(McpConnectionError.isInstance(absent) && absent.message).toMatch(new RegExp(`^MCP server "gone": could not connect to http://127\\.0\\.0\\.1:${port}/mcp: .*ECONNREFUSED`));
    expect(McpConnectionError.isInstance(absent) && absent.message).not.toContain('secret');
  });

  it('when one server fails, the others are closed', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'swarm-mcp-'));
    try {
      const pidFile = join(folder, 'pid');
      const writePid = `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid))`;
      const script = `${writePid}; setTimeout(() => { console.error('giving up'); process.exit(1) }, 800)`;
      const refused = await connectMcpServers({
        good: stdioFixture,
        late: { command: process.execPath, args: ['-e', script] },
      }).catch((error: unknown) => error);
      expect(McpConnectionError.isInstance(refused) && [refused.server, refused.stderrTail]).toEqual(['late', 'giving up']);
      expect(isRunning(Number(await readFile(pidFile, 'utf8')))).toBe(false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('tool names that clash once sanitized', async () => {
    const clashing = await startHttpFixtureServer({ token, clashingTool: true });
    try {
      const refused = await connectMcpServers({ web: { url: clashing.url, headers: { Authorization: `Bearer ${token}` } } }).catch((error: unknown) => error);
      expect(InvalidInputError.isInstance(refused) && refused.message).toBe(
        'MCP tool "weird.name/with spaces" of server "web" and tool "weird_name_with_spaces" of server "web" would both be named "web__weird_name_with_spaces" (names keep only letters, digits, "_" and "-", at most 64 characters)',
      );
      expect(clashing.openSessions()).toBe(0);
    } finally {
      await clashing.close();
    }
  });

  it('an abort while connecting: rejects with its reason at once and leaves nothing running', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'swarm-mcp-'));
    try {
      const pidFile = join(folder, 'pid');
      // A program that starts but never speaks MCP, so the handshake waits until the abort.
      const script = `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`;
      const controller = new AbortController();
      const connecting = connectMcpServers({ mute: { command: process.execPath, args: ['-e', script] } }, { abortSignal: controller.signal }).catch((error: unknown) => error);
      // Aborted once the server runs (known by its pid file), not after a fixed time a loaded machine may not have started it in.
      await expect.poll(() => readFile(pidFile, 'utf8').then(Boolean, () => false), { timeout: 30_000, interval: 50 }).toBe(true);
      const abortedAt = Date.now();
      controller.abort(new Error('not now'));
      expect(await connecting).toEqual(new Error('not now'));
      // At once: not after the handshake's own timeout.
      expect(Date.now() - abortedAt).toBeLessThan(5_000);
      const pid = Number(await readFile(pidFile, 'utf8'));
      await expect.poll(() => isRunning(pid), { timeout: 6_000, interval: 100 }).toBe(false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const aborted = AbortSignal.abort(new Error('never started'));
    expect(await connectMcpServers({ files: stdioFixture }, { abortSignal: aborted }).catch((error: unknown) => error)).toEqual(new Error('never started'));
  });
});
