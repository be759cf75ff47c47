import { describe, expect, it } from 'vitest';
import { readNdjson } from '../../src/daemon-client/read-ndjson.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { serveInProcess } from './support/in-process-daemon.ts';
import { ndjsonLines as lines } from './support/ndjson-lines.ts';

const labelSchema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };

// A diamond: a → (b, c) → d, every task one call to the mock model.
const diamond = {
  name: 'diamond',
  tasks: [
    { id: 'a', description: 'Name a fruit', schema: labelSchema },
    { id: 'b', description: 'Colour of {tasks.a.label}', dependsOn: ['a'], schema: labelSchema },
    { id: 'c', description: 'Taste of {tasks.a.label}', dependsOn: ['a'], schema: labelSchema },
    { id: 'd', description: 'Sum up {tasks.b.label} and {tasks.c.label}', dependsOn: ['b', 'c'] },
  ],
};

describe('plans through the HTTP API', () => {
  it('runs a plan document: 202 with its plan id, its task events on the run’s stream, its tasks and events at /plans/{id}', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const started = await daemon.call('POST', '/plans', { plan: diamond, model: 'mock' });
    expect(started.status).toBe(202);
    const { run } = (await started.json()) as { run: { id: string; kind: string; progress: { planId: string; total: number } } };
    expect(started.headers.get('location')).toBe(`/runs/${run.id}`);
    expect(run).toMatchObject({ kind: 'plan', progress: { planId: expect.stringMatching(/^plan-/), total: 4 } });
    const planId = run.progress.planId;

    const events = await lines(await daemon.call('GET', `/runs/${run.id}/events`));
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('run-start');
    expect(types.filter((type) => type === 'task-start')).toHaveLength(4);
    expect(events.filter((event) => event.type === 'task-end').map((event) => [event.taskId, event.status])).toEqual(
      expect.arrayContaining([['a', 'completed'], ['b', 'completed'], ['c', 'completed'], ['d', 'completed']]),
    );
    // d starts only after b and c ended.
    const at = (type: string, taskId: string) => events.findIndex((event) => event.type === type && event.taskId === taskId);
    expect(at('task-start', 'd')).toBeGreaterThan(Math.max(at('task-end', 'b'), at('task-end', 'c')));
    expect(events.find((event) => event.type === 'plan-end')).toMatchObject({ planId, completed: 4, failed: 0 });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed', result: { id: planId, completed: 4, tasks: { d: { status: 'completed' } } } });
    for (const event of events) if ('planId' in event) expect(event.planId).toBe(planId);

    const shown = (await (await daemon.call('GET', `/plans/${planId}`)).json()) as { status: string; completed: number; tasks: Array<{ id: string; status: string; result: unknown }>; events: Array<{ type: string }>; runId?: string };
    expect(shown).toMatchObject({ status: 'finished', completed: 4 });
    expect(shown.runId).toBeUndefined();
    expect(shown.tasks.map((task) => [task.id, task.status])).toEqual([['a', 'completed'], ['b', 'completed'], ['c', 'completed'], ['d', 'completed']]);
    expect(typeof (shown.tasks[0]!.result as { label: unknown }).label).toBe('string');
    expect(shown.events.map((event) => event.type)).toEqual(expect.arrayContaining(['plan-start', 'task-created', 'task-start', 'task-end', 'plan-end']));
    expect(await (await daemon.call('GET', '/plans')).json()).toEqual({ plans: [expect.objectContaining({ id: planId, name: 'diamond', status: 'finished' })] });
    expect((await daemon.call('GET', '/plans/plan-nope')).status).toBe(404);

    // The same plan again is the same run, resumed: nothing left to do.
    const again = (await (await daemon.call('POST', '/plans', { plan: diamond, model: 'mock' })).json()) as { run: { id: string } };
    const ended = await lines(await daemon.call('GET', `/runs/${again.run.id}/events`));
    expect(ended.find((event) => event.type === 'plan-start')).toMatchObject({ planId, resumed: true, completed: 4 });
    expect(ended.filter((event) => event.type === 'task-start')).toHaveLength(0);
  }, 90_000);

  it('refuses a bad plan with 400 naming the problem before anything runs, and leaves no run', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const refusal = async (body: unknown) => {
      const response = await daemon.call('POST', '/plans', body);
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: { name: string; message: string } }).error;
    };
    const cycle = { tasks: [{ id: 'a', description: 'x', dependsOn: ['b'] }, { id: 'b', description: 'y', dependsOn: ['a'] }] };
    expect((await refusal({ plan: cycle, model: 'mock' })).message).toMatch(/cycle.*a.*b|cycle.*b.*a/);
    expect((await refusal({ plan: { tasks: [{ id: 'a', description: 'x', dependsOn: ['ghost'] }] }, model: 'mock' })).message).toContain('ghost');
    expect((await refusal({ plan: { tasks: [{ id: 'a', description: 'x', agent: 'no-such-agent' }] }, model: 'mock' })).message).toContain('no-such-agent');
    expect((await refusal({ plan: { tasks: [{ id: 'a', description: 'x' }] }, model: 'nowhere:model' })).message).toContain('nowhere');
    expect((await refusal({ plan: diamond, goal: 'both', model: 'mock' })).message).toContain('exactly one of plan');
    expect((await refusal({ plan: diamond, model: 'mock', maxWorkers: 0 })).message).toContain('maxWorkers');
    expect(await (await daemon.call('GET', '/runs')).json()).toEqual({ runs: [] });
    expect(await (await daemon.call('GET', '/plans')).json()).toEqual({ plans: [] });
  }, 90_000);

  it('plans from a goal, keeping the plan made as the run’s request', async () => {
    const { swarm, query } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const { run } = (await (await daemon.call('POST', '/plans', { goal: 'Compare the error handling of two modules', model: 'mock' })).json()) as { run: { id: string } };
    const events = await lines(await daemon.call('GET', `/runs/${run.id}/events`));
    const end = events.at(-1) as { status: string; result: { completed: number; tasks: Record<string, unknown> } };
    expect(end.status).toBe('completed');
    expect(end.result.completed).toBe(Object.keys(end.result.tasks).length);
    const [stored] = query<{ request: string }>('SELECT request FROM runs WHERE id = ?', run.id);
    const request = JSON.parse(stored!.request) as { goal?: string; plan?: { goal: string; tasks: { id: string }[] } };
    expect(request.goal).toBeUndefined();
    expect(request.plan).toMatchObject({ goal: 'Compare the error handling of two modules', adapt: true });
    // The request keeps the plan as made; the run has its tasks, and those adaptive planning added as it went.
    const made = request.plan!.tasks.map((task) => task.id);
    expect(Object.keys(end.result.tasks).slice(0, made.length)).toEqual(made);
  }, 90_000);

  it('cancels a plan by its id: tasks under way stop and are left pending, the run ends cancelled', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const slow = { tasks: Array.from({ length: 6 }, (_, index) => ({ id: `t${index}`, description: `task ${index}`, ...(index > 0 ? { dependsOn: [`t${index - 1}`] } : {}) })) };
    const { run } = (await (await daemon.call('POST', '/plans', { plan: slow, model: 'mock:default?latencyMs=1000' })).json()) as { run: { id: string; progress: { planId: string } } };
    const planId = run.progress.planId;
    const stream = await daemon.call('GET', `/runs/${run.id}/events`);
    const seen: Record<string, unknown>[] = [];
    for await (const event of readNdjson(stream.body)) {
      seen.push(event);
      if (event.type === 'task-end' && event.taskId === 't0') {
        expect(((await (await daemon.call('GET', `/plans/${planId}`)).json()) as { runId: string }).runId).toBe(run.id);
        expect(await (await daemon.call('POST', `/plans/${planId}/cancel`)).json()).toMatchObject({ id: run.id, status: 'cancelled' });
      }
    }
    expect(seen.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled', result: { stopped: { reason: 'aborted' } } });
    const shown = (await (await daemon.call('GET', `/plans/${planId}`)).json()) as { status: string; completed: number; pending: number };
    expect(shown.status).toBe('stopped');
    expect(shown.completed).toBeGreaterThanOrEqual(1);
    expect(shown.pending).toBeGreaterThanOrEqual(1);
    expect((await daemon.call('POST', `/plans/${planId}/cancel`)).status).toBe(400);
  }, 90_000);

  it('researches subjects on a topic as swarm research does, and refuses a request it cannot plan', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const refused = await daemon.call('POST', '/research', { subjects: ['OpenAI'], topic: 'AI safety', model: 'mock', search: 'provider' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('has no web search of its own') } });
    expect((await daemon.call('POST', '/research', { subjects: [], topic: 'x', model: 'mock' })).status).toBe(400);
    const started = await daemon.call('POST', '/research', { subjects: ['OpenAI', 'Anthropic'], topic: 'AI safety', model: 'mock', sourcesPerSubject: 2 });
    expect(started.status).toBe(202);
    const { run } = (await started.json()) as { run: { id: string; kind: string } };
    expect(run.kind).toBe('research');
    const events = await lines(await daemon.call('GET', `/runs/${run.id}/events`));
    expect(events.filter((event) => event.type === 'task-end')).toHaveLength(7);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed', result: { tasks: { synthesize: { status: 'completed', result: { report: expect.any(String) } } } } });
  }, 90_000);
});
