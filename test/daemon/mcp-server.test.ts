import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, CreateTaskResultSchema, type Task } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSwarm } from '../../src/index.ts';
import { serveInProcess } from './support/in-process-daemon.ts';
import { startDaemonProcess } from './support/daemon-process.ts';
import { httpClient, stdioClient } from './support/mcp-clients.ts';

const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
const tasks = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `r${index + 1}`, text: `row ${index + 1}` }));

function workFolder(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-mcp-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  return cwd;
}

// Each transport: a client on a fresh store.
const transports: Record<string, () => Promise<Client>> = {
  stdio: async () => stdioClient(workFolder()),
  http: async () => {
    const swarm = openSwarm({ dir: path.join(workFolder(), '.swarm'), config: { aliases: {}, providers: {}, prices: {} }, env: {} });
    onTestFinished(() => swarm.close());
    const daemon = await serveInProcess(swarm);
    return httpClient(daemon.port, daemon.token);
  },
};

async function structured(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
  return result.structuredContent as Record<string, unknown>;
}

async function waitForTask(client: Client, taskId: string, done: (task: Task) => boolean): Promise<Task> {
  for (;;) {
    const task = await client.experimental.tasks.getTask(taskId);
    if (done(task)) return task;
    await new Promise((resolve) => setTimeout(resolve, task.pollInterval ?? 100));
  }
}

describe.each(Object.keys(transports))('the MCP server over %s, with the official SDK client', (transport) => {
  it('lists the tools with JSON Schemas whose arguments are the library’s', async () => {
    const client = await transports[transport]!();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['swarm_create', 'swarm_run', 'swarm_rows', 'swarm_status', 'swarm_parallel', 'swarm_plan', 'swarm_research']);
    const run = tools.find((tool) => tool.name === 'swarm_run')!;
    expect(Object.keys(run.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['tableId', 'instruction', 'responseSchema', 'filter', 'model', 'batchSize', 'concurrency', 'subagentType', 'maxCost']));
    // No shell commands through MCP: an agent's own shell tool is governed by its host.
    expect(Object.keys(run.inputSchema.properties ?? {})).not.toContain('command');
    expect(run.inputSchema.required).toEqual(['tableId']);
    expect(run.execution?.taskSupport).toBe('optional');
    expect(tools.find((tool) => tool.name === 'swarm_parallel')!.execution?.taskSupport).toBe('optional');
    expect(Object.keys(tools.find((tool) => tool.name === 'swarm_create')!.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['tasks', 'glob', 'filePaths', 'file']));
    expect(client.getServerCapabilities()?.tasks).toMatchObject({ list: {}, cancel: {}, requests: { tools: { call: {} } } });
  }, 90_000);

  it('creates a table, runs a pass with progress notifications, and reads the rows', async () => {
    const client = await transports[transport]!();
    const table = await structured(client, 'swarm_create', { tasks: tasks(12) });
    expect(table).toMatchObject({ count: 12, columns: ['id', 'text'] });
    const progress: Array<{ progress: number; total?: number }> = [];
    const result = await client.callTool(
      { name: 'swarm_run', arguments: { tableId: table.id, instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?latencyMs=60', batchSize: 1, concurrency: 2 } },
      CallToolResultSchema,
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.isError ?? false).toBe(false);
    expect(result.structuredContent).toMatchObject({ status: 'completed', completed: 12, failed: 0 });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((update) => update.progress)).toEqual([...progress.map((update) => update.progress)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ progress: 12, total: 12 });
    const { rows } = (await structured(client, 'swarm_rows', { tableId: table.id, columns: ['label'], limit: 3 })) as { rows: Array<{ id: string; label: string }> };
    expect(rows.map((row) => row.id)).toEqual(['r1', 'r2', 'r3']);
    for (const row of rows) expect(typeof row.label).toBe('string');
    const fanOut = await structured(client, 'swarm_parallel', { prompts: ['a', 'b'], model: 'mock' });
    expect(fanOut).toMatchObject({ status: 'completed', results: [{ index: 0, ok: true }, { index: 1, ok: true }], stats: { succeeded: 2 } });
    expect(await structured(client, 'swarm_status', {})).toMatchObject({ runs: [], callsInFlight: 0 });
  }, 90_000);

  it('runs a pass as a task polled to its result, listed in tasks/list', async () => {
    const client = await transports[transport]!();
    const table = await structured(client, 'swarm_create', { tasks: tasks(8) });
    const created = await client.request(
      { method: 'tools/call', params: { name: 'swarm_run', arguments: { tableId: table.id, instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?latencyMs=50', batchSize: 1, concurrency: 2 }, task: { ttl: 60_000 } } },
      CreateTaskResultSchema,
    );
    expect(created.task.status).toBe('working');
    const done = await waitForTask(client, created.task.taskId, (task) => task.status !== 'working');
    expect(done.status).toBe('completed');
    const result = await client.experimental.tasks.getTaskResult(created.task.taskId, CallToolResultSchema);
    expect(result.structuredContent).toMatchObject({ completed: 8, failed: 0 });
    const { tasks: listed } = await client.experimental.tasks.listTasks();
    expect(listed.map((task) => task.taskId)).toContain(created.task.taskId);
    expect(await structured(client, 'swarm_status', { runId: created.task.taskId })).toMatchObject({ status: 'completed', result: { completed: 8 } });
  }, 90_000);

  it('cancels a task: it ends cancelled, its rows left pending', async () => {
    const client = await transports[transport]!();
    const table = await structured(client, 'swarm_create', { tasks: tasks(40) });
    const created = await client.request(
      { method: 'tools/call', params: { name: 'swarm_run', arguments: { tableId: table.id, instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?latencyMs=200', batchSize: 1, concurrency: 1 }, task: {} } },
      CreateTaskResultSchema,
    );
    const cancelled = await client.experimental.tasks.cancelTask(created.task.taskId);
    expect(cancelled.status).toBe('cancelled');
    await waitForTask(client, created.task.taskId, (task) => task.status === 'cancelled');
    const run = await structured(client, 'swarm_status', { runId: created.task.taskId });
    await expect.poll(async () => (await structured(client, 'swarm_status', { runId: created.task.taskId })).result, { timeout: 5_000 }).toMatchObject({ stopped: { reason: 'aborted' } });
    expect(run.status).toBe('cancelled');
  }, 90_000);

  it('runs a plan with progress notifications per task, and as a task polled to its result; researches', async () => {
    const client = await transports[transport]!();
    const plan = {
      tasks: [
        { id: 'a', description: 'Name a fruit', schema },
        { id: 'b', description: 'Colour of {tasks.a.label}', dependsOn: ['a'], schema },
        { id: 'c', description: 'Taste of {tasks.a.label}', dependsOn: ['a'], schema },
      ],
    };
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = await client.callTool({ name: 'swarm_plan', arguments: { plan, model: 'mock:default?latencyMs=30' } }, CallToolResultSchema, { onprogress: (update) => progress.push(update) });
    expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
    expect(result.structuredContent).toMatchObject({ status: 'completed', completed: 3, failed: 0, tasks: { b: { status: 'completed' } } });
    expect(progress.map((update) => update.progress)).toEqual([0, 1, 2, 3]);
    expect(progress.at(-1)).toMatchObject({ total: 3, message: '3/3 tasks' });

    const created = await client.request({ method: 'tools/call', params: { name: 'swarm_plan', arguments: { goal: 'Compare two modules', model: 'mock' }, task: {} } }, CreateTaskResultSchema);
    const done = await waitForTask(client, created.task.taskId, (task) => task.status !== 'working');
    expect(done.status).toBe('completed');
    const planned = await client.experimental.tasks.getTaskResult(created.task.taskId, CallToolResultSchema);
    expect(planned.structuredContent).toMatchObject({ failed: 0, pending: 0, id: expect.stringMatching(/^plan-/) });

    const research = await structured(client, 'swarm_research', { subjects: ['OpenAI'], topic: 'AI safety', model: 'mock', sourcesPerSubject: 1 });
    expect(research).toMatchObject({ status: 'completed', completed: 4, tasks: { synthesize: { status: 'completed', result: { report: expect.any(String) } } } });
    const shell = await client.callTool({ name: 'swarm_plan', arguments: { plan: { tasks: [{ id: 'x', description: 'x', command: 'rm -rf /' }] } } });
    expect(shell.isError).toBe(true);
    expect(JSON.stringify(shell.content)).toContain('runs a shell command');
    const cycle = await client.callTool({ name: 'swarm_plan', arguments: { plan: { tasks: [{ id: 'a', description: 'x', dependsOn: ['a'] }] }, model: 'mock' } });
    expect(cycle.isError).toBe(true);
    expect(JSON.stringify(cycle.content)).toMatch(/invalid plan/);
  }, 90_000);

  it('answers mistakes as tool errors that say what to fix', async () => {
    const client = await transports[transport]!();
    const unknownTable = await client.callTool({ name: 'swarm_run', arguments: { tableId: 'nope', instruction: 'x {text}', responseSchema: schema, model: 'mock' } });
    expect(unknownTable.isError).toBe(true);
    expect(JSON.stringify(unknownTable.content)).toMatch(/unknown table \\"nope\\"/);
    const twoSources = await client.callTool({ name: 'swarm_create', arguments: { tasks: tasks(1), file: 'x.jsonl' } });
    expect(twoSources.isError).toBe(true);
    expect(JSON.stringify(twoSources.content)).toMatch(/exactly one of tasks, glob, filePaths, file/);
    const badType = await client.callTool({ name: 'swarm_rows', arguments: { tableId: 3 } });
    expect(badType.isError).toBe(true);
    const shell = await client.callTool({ name: 'swarm_run', arguments: { tableId: 'x', command: 'rm -rf /' } });
    expect(shell.isError).toBe(true);
  }, 90_000);
});

describe('an MCP task over stdio', () => {
  it('outlives its session: a new `swarm mcp` takes the run over, and the task is polled to its result there', async () => {
    const cwd = workFolder();
    const first = await stdioClient(cwd);
    const table = await structured(first, 'swarm_create', { tasks: tasks(30) });
    const created = await first.request(
      { method: 'tools/call', params: { name: 'swarm_run', arguments: { tableId: table.id, instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?latencyMs=100', batchSize: 1, concurrency: 2 }, task: {} } },
      CreateTaskResultSchema,
    );
    await first.close();
    const second = await stdioClient(cwd);
    const done = await waitForTask(second, created.task.taskId, (task) => task.status !== 'working');
    expect(done.status).toBe('completed');
    const result = await second.experimental.tasks.getTaskResult(created.task.taskId, CallToolResultSchema);
    const counts = result.structuredContent as { completed: number; skipped: number; failed: number };
    expect(counts.failed).toBe(0);
    expect(counts.completed + counts.skipped).toBe(30);
  }, 90_000);
});

describe('swarm mcp while a daemon serves the store', () => {
  it('forwards to the daemon’s /mcp: its runs are the daemon’s, with progress and tasks; SWARM_DAEMON=off runs them itself', async () => {
    const cwd = workFolder();
    const daemon = await startDaemonProcess(cwd);
    const daemonRuns = async () => ((await (await daemon.call('GET', '/runs')).json()) as { runs: Array<{ id: string; kind: string }> }).runs;
    const client = await stdioClient(cwd);
    const clientErrors: Error[] = [];
    client.onerror = (error) => clientErrors.push(error);
    expect(client.getServerVersion()?.name).toBe('swarm');
    const table = await structured(client, 'swarm_create', { tasks: tasks(6) });
    // A call that asks for no progress gets none (the bridge's own token keeps the answer stream alive).
    const quietTable = await structured(client, 'swarm_create', { tasks: tasks(4) });
    expect(await structured(client, 'swarm_run', { tableId: quietTable.id, instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?latencyMs=20', batchSize: 1 })).toMatchObject({ status: 'completed', completed: 4 });
    const progress: Array<{ progress: number; total?: number }> = [];
    const result = await client.callTool(
      { name: 'swarm_run', arguments: { tableId: table.id, instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?latencyMs=40', batchSize: 1, concurrency: 2 } },
      CallToolResultSchema,
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.structuredContent).toMatchObject({ status: 'completed', completed: 6 });
    expect(progress.at(-1)).toMatchObject({ progress: 6, total: 6 });
    const runId = (result.structuredContent as { runId: string }).runId;
    expect((await daemonRuns()).map((run) => run.id)[0]).toBe(runId);

    const created = await client.request({ method: 'tools/call', params: { name: 'swarm_plan', arguments: { plan: { tasks: [{ id: 'a', description: 'x' }] }, model: 'mock' }, task: {} } }, CreateTaskResultSchema);
    await waitForTask(client, created.task.taskId, (task) => task.status !== 'working');
    const planned = await client.experimental.tasks.getTaskResult(created.task.taskId, CallToolResultSchema);
    expect(planned.structuredContent).toMatchObject({ completed: 1 });
    expect((await daemonRuns()).map((run) => run.kind)).toEqual(['plan', 'pass', 'pass']);
    expect(clientErrors).toEqual([]);

    const bypassing = await stdioClient(cwd, { SWARM_DAEMON: 'off' });
    expect(await structured(bypassing, 'swarm_parallel', { prompts: ['a'], model: 'mock' })).toMatchObject({ status: 'completed' });
    // The status is that of the process running the tools: the daemon's, or the bypassing one's own.
    expect(await structured(client, 'swarm_status', {})).toMatchObject({ pid: daemon.info.pid });
    expect((await structured(bypassing, 'swarm_status', {})).pid).not.toBe(daemon.info.pid);
  }, 120_000);
});
