import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readNdjson } from '../../src/daemon-client/read-ndjson.ts';
import { openSwarm } from '../../src/index.ts';
import { startDaemonProcess, type DaemonProcess } from './support/daemon-process.ts';

const clientCount = 100;
const promptsPerClient = 5;
const model = 'mock:default?latencyMs=30&jitterMs=25';

/** Server-sent events' data, parsed. */
async function* readSse(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body ?? []) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = frame.split('\n').find((line) => line.startsWith('data: '));
      if (data !== undefined) yield JSON.parse(data.slice(6)) as Record<string, unknown>;
    }
  }
}

/** One client: a fan-out of its own prompts, its result lines, and its run's event stream. */
async function client(daemon: DaemonProcess, index: number) {
  const prompts = Array.from({ length: promptsPerClient }, (_, prompt) => `client ${index} prompt ${prompt}`);
  const response = await daemon.call('POST', '/parallel', { prompts, model, cache: false });
  expect(response.status).toBe(200);
  const runId = response.headers.get('swarm-run-id')!;
  const sse = index % 2 === 1;
  const eventsResponse = await daemon.call('GET', `/runs/${runId}/events`, undefined, sse ? { accept: 'text/event-stream' } : {});
  expect(eventsResponse.headers.get('content-type')).toMatch(sse ? /^text\/event-stream/ : /^application\/x-ndjson/);
  const [lines, events] = await Promise.all([
    (async () => {
      const read: Record<string, unknown>[] = [];
      for await (const line of readNdjson(response.body)) read.push(line);
      return read;
    })(),
    (async () => {
      const read: Record<string, unknown>[] = [];
      for await (const event of sse ? readSse(eventsResponse.body) : readNdjson(eventsResponse.body)) read.push(event);
      return read;
    })(),
  ]);
  return { prompts, runId, lines, events };
}

describe('100 streaming clients on one daemon at once', () => {
  it('each get exactly their own results and their own run’s events', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-clients-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    const daemon = await startDaemonProcess(cwd);
    // The mock's answer is a function of the prompt: what each prompt must get, worked out alone.
    const reference = openSwarm({ dir: path.join(cwd, 'reference'), cwd, env: {} });
    onTestFinished(() => reference.close());
    const allPrompts = Array.from({ length: clientCount }, (_, index) => Array.from({ length: promptsPerClient }, (__, prompt) => `client ${index} prompt ${prompt}`)).flat();
    const expected = new Map((await reference.parallel(allPrompts, { model: 'mock', cache: false })).results.map((result, index) => [allPrompts[index]!, result]));

    const clients = await Promise.all(Array.from({ length: clientCount }, (_, index) => client(daemon, index)));
    const passIds = new Set<string>();
    for (const { prompts, runId, lines, events } of clients) {
      const done = lines.at(-1) as { done: boolean; stats: { total: number; succeeded: number; passId: string; tableId: string } };
      expect(done).toMatchObject({ done: true, stats: { total: promptsPerClient, succeeded: promptsPerClient } });
      const results = lines.slice(0, -1) as Array<{ index: number; ok: boolean; text: string }>;
      expect(results.map((result) => result.index).sort()).toEqual([0, 1, 2, 3, 4]);
      for (const result of results) expect(result.text).toBe((expected.get(prompts[result.index]!) as { text: string }).text);

      const { passId, tableId } = done.stats;
      passIds.add(passId);
      expect(events[0]).toMatchObject({ id: 1, type: 'run-start', runId });
      expect(events.at(-1)).toMatchObject({ type: 'run-end', runId, status: 'completed' });
      expect(events.map((event) => event.id)).toEqual(events.map((_, position) => position + 1));
      for (const event of events) {
        if ('passId' in event) expect(event.passId).toBe(passId);
        if ('tableId' in event) expect(event.tableId).toBe(tableId);
        if ('runId' in event) expect(event.runId).toBe(runId);
      }
      const rowEnds = events.filter((event) => event.type === 'row-end');
      expect(rowEnds.map((event) => event.rowId).sort()).toEqual(['1', '2', '3', '4', '5']);
      for (const event of rowEnds) expect((event.output as { text: string }).text).toBe((expected.get(prompts[Number(event.rowId) - 1]!) as { text: string }).text);
    }
    expect(passIds.size).toBe(clientCount);
  }, 120_000);
});
