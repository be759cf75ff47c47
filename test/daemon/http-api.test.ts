import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { serveInProcess } from './support/in-process-daemon.ts';
import { ndjsonLines as lines } from './support/ndjson-lines.ts';

const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
const tasks = Array.from({ length: 5 }, (_, index) => ({ id: `r${index + 1}`, text: `row ${index + 1}` }));

describe('the HTTP API', () => {
  it('creates a table, runs a pass, reads, exports, and streams the run’s events resumably', async () => {
    const { swarm, write } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    expect((await daemon.call('POST', '/tables', { tasks, id: 'reviews' })).status).toBe(201);
    write('more.jsonl', '{"id":"m1","text":"x"}\n');
    expect(await (await daemon.call('POST', '/tables', { file: 'more.jsonl' })).json()).toMatchObject({ count: 1, columns: ['id', 'text'] });
    expect(((await (await daemon.call('GET', '/tables')).json()) as { tables: unknown[] }).tables).toHaveLength(2);

    const started = await daemon.call('POST', '/tables/reviews/passes', { instruction: 'Label {text}', responseSchema: schema, model: 'mock', batchSize: 1 });
    expect(started.status).toBe(202);
    const { run } = (await started.json()) as { run: { id: string } };
    expect(started.headers.get('location')).toBe(`/runs/${run.id}`);
    const events = await lines(await daemon.call('GET', `/runs/${run.id}/events`));
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed', result: { completed: 5 } });
    // Resumed after event 3, as server-sent events.
    const resumed = await fetch(`http://127.0.0.1:${daemon.port}/runs/${run.id}/events`, { headers: { authorization: `Bearer ${daemon.token}`, accept: 'text/event-stream', 'last-event-id': '3' } });
    const frames = (await resumed.text()).trim().split('\n\n');
    expect(frames[0]).toMatch(/^id: 4\ndata: \{"id":4,/);
    expect(frames).toHaveLength(events.length - 3);
    expect(await (await daemon.call('GET', `/runs/${run.id}`)).json()).toMatchObject({ id: run.id, kind: 'pass', status: 'completed', result: { completed: 5 } });

    const rows = (await (await daemon.call('GET', '/tables/reviews/rows?columns=label&limit=2&filter=%7B%22status%22%3A%22done%22%7D')).json()) as { rows: Array<Record<string, unknown>> };
    expect(rows.rows.map((row) => Object.keys(row))).toEqual([
      ['id', 'label'],
      ['id', 'label'],
    ]);
    const csv = await daemon.call('GET', '/tables/reviews/export?format=csv&columns=label');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toBe('id,label');
    const parquet = await daemon.call('GET', '/tables/reviews/export?format=parquet');
    const objects = await parquetReadObjects({ file: await parquet.arrayBuffer() });
    expect(objects).toHaveLength(5);
    expect((await daemon.call('GET', '/tables/reviews/export?format=xml')).status).toBe(400);
    expect((await daemon.call('GET', '/tables/reviews/export?columns=nope')).status).toBe(400);
  });

  it('refuses a fan-out or a pass before any call with a 4xx and leaves no run; a second run of a running pass is 409', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const refused = await daemon.call('POST', '/parallel', { prompts: ['a'], model: 'nope:model' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { name: 'ModelConfigError' } });
    expect((await daemon.call('POST', '/parallel', { prompts: [] })).status).toBe(400);
    expect((await daemon.call('POST', '/tables/none/passes', { instruction: 'x', responseSchema: schema, model: 'mock' })).status).toBe(404);
    expect(((await (await daemon.call('GET', '/runs')).json()) as { runs: unknown[] }).runs).toEqual([]);

    await daemon.call('POST', '/tables', { tasks, id: 'slow' });
    const options = { instruction: 'Label {text}', responseSchema: schema, model: 'mock:default?latencyMs=300', batchSize: 1, concurrency: 1 };
    const first = (await (await daemon.call('POST', '/tables/slow/passes', options)).json()) as { run: { id: string } };
    const second = await daemon.call('POST', '/tables/slow/passes', options);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { name: 'PassBusyError' } });
    const cancelled = await daemon.call('POST', `/runs/${first.run.id}/cancel`);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled' });
    const events = await lines(await daemon.call('GET', `/runs/${first.run.id}/events`));
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled', result: { stopped: { reason: 'aborted' } } });
  });

  it('answers a fan-out with one NDJSON line per prompt, then the last line', async () => {
    const { swarm } = tempSwarm();
    const daemon = await serveInProcess(swarm);
    const response = await daemon.call('POST', '/parallel', { prompts: ['a', 'b', 'c'], model: 'mock:default?failureRate=1', maxAttempts: 1 });
    expect(response.headers.get('swarm-run-id')).toMatch(/^run-/);
    const read = await lines(response);
    expect(read).toHaveLength(4);
    for (const line of read.slice(0, 3)) expect(line).toMatchObject({ index: expect.any(Number), ok: false, error: { message: expect.any(String), class: expect.any(String) } });
    expect(read[3]).toMatchObject({ done: true, stats: { total: 3, succeeded: 0, failed: 3 } });
  });
});
