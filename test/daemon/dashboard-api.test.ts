import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardBuildDir } from '../../src/http-api/dashboard-files.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { serveInProcess } from './support/in-process-daemon.ts';
import { rawRequest } from './support/raw-request.ts';

const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
const tasks = Array.from({ length: 12 }, (_, index) => ({ id: `r${String(index + 1).padStart(2, '0')}`, text: `row ${index + 1}` }));
// Half the answers malformed; one attempt each: those rows fail, with what the model said.
const failing = { instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?malformedRate=0.5&seed=3', batchSize: 1, maxAttempts: 1 };

describe("the dashboard's sign-in", () => {
  it('turns ?token= into an HttpOnly, SameSite=Strict cookie that every data route accepts, and refuses a wrong one', async () => {
    const { swarm } = tempSwarm();
    const { port, token } = await serveInProcess(swarm);
    const signIn = await rawRequest(port, { method: 'GET', path: `/?token=${token}` });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/');
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toBe(`swarm_token_${port}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    const withCookie = { cookie: `swarm_token_${port}=${token}` };
    expect((await rawRequest(port, { method: 'GET', path: '/status', headers: withCookie })).status).toBe(200);
    expect((await rawRequest(port, { method: 'GET', path: '/tables', headers: { cookie: `swarm_token_${port}=${'b'.repeat(64)}` } })).status).toBe(401);
    expect((await rawRequest(port, { method: 'GET', path: '/tables', headers: { cookie: `swarm_token_${port + 1}=${token}` } })).status).toBe(401);
    // The cookie does not get a page elsewhere in: a foreign Origin is refused first.
    expect((await rawRequest(port, { method: 'POST', path: '/runs/x/cancel', headers: { ...withCookie, origin: 'http://evil.example' } })).status).toBe(403);

    const refused = await rawRequest(port, { method: 'GET', path: `/?token=${'c'.repeat(64)}` });
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toBe('/?refused=1');
    expect(refused.headers['set-cookie']).toBeUndefined();

    const page = await rawRequest(port, { method: 'GET', path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).not.toContain(token);
    const script = readdirSync(`${dashboardBuildDir}/assets`).find((name) => name.endsWith('.js'))!;
    const asset = await rawRequest(port, { method: 'GET', path: `/assets/${script}` });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await rawRequest(port, { method: 'GET', path: '/assets/..%2Findex.html' })).status).toBe(404);
  });
});

describe("the dashboard's data routes", () => {
  it('page rows, show a row’s calls with raw output, group failures by cause and retry them, resume a run, list passes, spend and projection', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    await daemon.call('POST', '/tables', { tasks, id: 'items' });
    const page = (await (await daemon.call('GET', '/tables/items/rows?limit=5&offset=10')).json()) as { rows: Array<{ id: string }> };
    expect(page.rows.map((row) => row.id)).toEqual(['r11', 'r12']);
    expect((await daemon.call('GET', '/tables/items/rows?offset=-1')).status).toBe(400);

    const { run } = (await (await daemon.call('POST', '/tables/items/passes', failing)).json()) as { run: { id: string } };
    const ended = await daemon.runs.settled(run.id);
    const result = ended.result as { passId: string; completed: number; failed: number };
    expect(result.failed).toBeGreaterThan(0);
    expect(result.completed).toBeGreaterThan(0);
    // Offset with answeredBy (a pass's answers) pages the same way.
    const answered = (await swarm.rows('items', { answeredBy: result.passId })).map((row) => row.id);
    expect((await swarm.rows('items', { answeredBy: result.passId, offset: 1, limit: 1 })).map((row) => row.id)).toEqual(answered.slice(1, 2));
    expect(((await (await daemon.call('GET', `/runs/${run.id}`)).json()) as { request: unknown }).request).toMatchObject({ tableId: 'items', options: { model: failing.model } });

    const failures = (await (await daemon.call('GET', '/tables/items/failures')).json()) as {
      total: number;
      groups: Array<{ passId: string; errorClass: string; count: number; failures: Array<{ rowId: string; rawOutput?: string }> }>;
    };
    expect(failures.total).toBe(result.failed);
    expect(failures.groups.reduce((sum, group) => sum + group.count, 0)).toBe(result.failed);
    expect(failures.groups.every((group) => group.passId === result.passId && group.count === group.failures.length)).toBe(true);
    const failed = failures.groups[0]!.failures[0]!;
    expect(failed.rawOutput).toBeDefined();

    const row = (await (await daemon.call('GET', `/tables/items/rows/${failed.rowId}`)).json()) as { data: { id: string }; attempts: Array<{ passId: string; status: string; rawOutput?: string }>; loops: unknown[] };
    expect(row.data.id).toBe(failed.rowId);
    expect(row.attempts.length).toBeGreaterThan(0);
    expect(row.attempts.every((attempt) => attempt.passId === result.passId && attempt.status === 'invalid' && attempt.rawOutput !== undefined)).toBe(true);
    expect(row.attempts.at(-1)!.rawOutput).toBe(failed.rawOutput);
    expect(row.loops).toEqual([]);
    expect((await daemon.call('GET', '/tables/items/rows/nope')).status).toBe(404);

    // Retry one group: a run of the same pass over only its rows.
    const group = failures.groups[0]!;
    const retried = await daemon.call('POST', '/tables/items/failures/retry', { passId: group.passId, rowIds: group.failures.map((each) => each.rowId) });
    expect(retried.status).toBe(202);
    const retryRun = await daemon.runs.settled(((await retried.json()) as { run: { id: string } }).run.id);
    const retryResult = retryRun.result as { passId: string; completed: number; failed: number };
    expect(retryResult.passId).toBe(result.passId);
    expect(retryResult.completed + retryResult.failed).toBe(group.count);
    expect((await daemon.call('POST', '/tables/items/failures/retry', { passId: 'pass-000000000000', rowIds: ['r01'] })).status).toBe(404);

    // Resume: refused for a running or non-pass run; an ended pass run runs again and skips what is answered.
    const resumed = await daemon.call('POST', `/runs/${run.id}/resume`);
    expect(resumed.status).toBe(202);
    const again = await daemon.runs.settled(((await resumed.json()) as { run: { id: string } }).run.id);
    const againResult = again.result as { completed: number; failed: number; skipped: number };
    expect(againResult.skipped).toBe(result.completed + retryResult.completed);
    expect((await daemon.call('POST', '/runs/run-nope/resume')).status).toBe(404);

    const passes = (await (await daemon.call('GET', '/passes')).json()) as { passes: Array<{ id: string; tableId: string; rows: { done: number; failed: number } }> };
    expect(passes.passes).toEqual([expect.objectContaining({ id: result.passId, tableId: 'items' })]);
    expect(passes.passes[0]!.rows.done + passes.passes[0]!.rows.failed).toBe(tasks.length);

    const projection = (await (await daemon.call('GET', `/passes/${result.passId}/projection`)).json()) as { actual: { calls: number }; projection: { rows: number; calls: number } };
    expect(projection).toMatchObject({ passId: result.passId });
    expect(projection.projection).toMatchObject({ rows: tasks.length, calls: tasks.length });
    expect(projection.actual.calls).toBeGreaterThanOrEqual(tasks.length);

    for (const by of ['model', 'pass', 'day']) {
      const spend = (await (await daemon.call('GET', `/spend?by=${by}`)).json()) as { by: string; lines: Array<{ key: string; calls: number }>; today: number };
      expect(spend.by).toBe(by);
      expect(spend.lines.reduce((sum, line) => sum + line.calls, 0)).toBe(projection.actual.calls);
    }
    expect((await daemon.call('GET', '/spend?by=week')).status).toBe(400);
  });

  it("give an agent row's transcript: each model step and tool call", async () => {
    const { swarm, write } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    write('src/a.ts', 'export const a = 1;\n');
    await daemon.call('POST', '/tables', { tasks: [{ id: 'a', file: 'src/a.ts' }], id: 'code' });
    const { run } = (await (await daemon.call('POST', '/tables/code/passes', { instruction: 'Review {file}', responseSchema: schema, model: 'mock', subagentType: 'reviewer' })).json()) as { run: { id: string } };
    expect(await daemon.runs.settled(run.id)).toMatchObject({ status: 'completed', result: { completed: 1 } });
    const row = (await (await daemon.call('GET', '/tables/code/rows/a')).json()) as { loops: Array<{ settled: boolean; steps: Array<{ kind: string; toolName?: string }> }> };
    expect(row.loops).toHaveLength(1);
    expect(row.loops[0]!.settled).toBe(true);
    expect(row.loops[0]!.steps.map((step) => step.kind)).toEqual(expect.arrayContaining(['model', 'tool']));
  });

  it('show a plan run, follow it as server-sent events, give a task in depth with its critic score, and replay it', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const planned = await swarm.runPlan(
      {
        name: 'tiny',
        tasks: [
          { id: 'first', description: 'say hi', command: 'echo hi' },
          { id: 'second', description: 'repeat', command: 'cat', dependsOn: ['first'] },
        ],
      },
      // A critic's verdict (hivemindHooks gives one for tasks with `critic`) is kept with the run.
      { afterTask: (task) => (task.id === 'second' ? { review: { score: 0.9, critique: 'faithful', pass: true } } : undefined) },
    );
    const stream = await fetch(`http://127.0.0.1:${daemon.port}/plans/${planned.id}/events`, { headers: { authorization: `Bearer ${daemon.token}` } });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = (await stream.text()).trim().split('\n\n');
    expect(frames).toHaveLength(1);
    expect(JSON.parse(frames[0]!.split('data: ')[1]!)).toMatchObject({ id: planned.id, status: 'finished', completed: 2, tasks: [{ id: 'first', status: 'completed' }, { id: 'second', dependsOn: ['first'] }] });

    const task = (await (await daemon.call('GET', `/plans/${planned.id}/tasks/second`)).json()) as Record<string, unknown>;
    expect(task).toMatchObject({ task: { id: 'second', status: 'completed', result: '{"first":"hi"}' }, definition: { description: 'repeat', command: 'cat' }, upstream: { first: 'hi' } });
    const events = task.events as Array<{ type: string; data: Record<string, unknown> }>;
    expect(events.map((event) => event.type)).toContain('task-end');
    expect(events.find((event) => event.type === 'critic-end')?.data).toEqual({ taskId: 'second', score: 0.9, critique: 'faithful', pass: true });
    expect((await daemon.call('GET', `/plans/${planned.id}/tasks/nope`)).status).toBe(404);

    const replayed = await daemon.call('POST', `/plans/${planned.id}/replay`, {});
    expect(replayed.status).toBe(202);
    const replay = await daemon.runs.settled(((await replayed.json()) as { run: { id: string } }).run.id);
    expect(replay).toMatchObject({ kind: 'plan-replay', status: 'completed', result: { completed: 2 } });
    const after = (await (await daemon.call('GET', '/plans')).json()) as { plans: Array<{ id: string }> };
    expect(after.plans).toHaveLength(2);
    expect((await daemon.call('POST', `/plans/${planned.id}/replay`, { from: 'nope' })).status).toBe(400);
  });

  it('name the daemon run running a plan in its live stream, which ends once the plan is stopped', async () => {
    const { swarm, cwd } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const gate = path.join(cwd, 'gate');
    const plan = { tasks: [{ id: 'wait', description: 'wait for the gate', command: `while [ ! -f '${gate}' ]; do sleep 0.05; done; echo open` }] };
    const { run } = (await (await daemon.call('POST', '/plans', { plan })).json()) as { run: { id: string; progress: { planId: string } } };
    const planId = run.progress.planId;
    const stream = await fetch(`http://127.0.0.1:${daemon.port}/plans/${planId}/events`, { headers: { authorization: `Bearer ${daemon.token}` } });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
    expect(JSON.parse(text.split('data: ')[1]!.split('\n')[0]!)).toMatchObject({ id: planId, status: 'running', runId: run.id });
    expect((await daemon.call('POST', `/plans/${planId}/cancel`)).status).toBe(200);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(JSON.parse(text.trim().split('\n\n').at(-1)!.split('data: ')[1]!)).toMatchObject({ status: 'stopped' });
  });
});
