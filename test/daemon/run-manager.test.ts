import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createRunManager } from '../../src/runs/create-run-manager.ts';
import type { RunEvent } from '../../src/runs/run-event.ts';
import { runKinds } from '../../src/runs/run-kinds.ts';
import type { RunManager } from '../../src/runs/run-manager.ts';
import type { PassResult } from '../../src/index.ts';
import { labelSchema, numberedTasks, tempSwarm } from '../library/support/temp-swarm.ts';
import { rejection } from '../library/support/rejection.ts';

async function eventsOf(runs: RunManager, id: string): Promise<Array<{ id: number; event: RunEvent }>> {
  const read: Array<{ id: number; event: RunEvent }> = [];
  for await (const item of runs.events(id, { signal: new AbortController().signal })) read.push(item);
  return read;
}

describe('the run manager', () => {
  it('runs a pass as a run: recorded in the store, its events numbered and its own, its result kept', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(6) });
    const runs = createRunManager({ context: swarm.context, kinds: runKinds });
    const started = await runs.start('pass', { tableId: table.id, options: { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock:default?latencyMs=5', batchSize: 1 } });
    expect(started).toMatchObject({ kind: 'pass', status: 'running', progress: { total: 6, tableId: table.id } });
    const ended = await runs.settled(started.id);
    expect(ended).toMatchObject({ status: 'completed', result: { completed: 6, failed: 0 } });

    const events = await eventsOf(runs, started.id);
    expect(events.map(({ id }) => id)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]!.event).toEqual({ type: 'run-start', runId: started.id, kind: 'pass' });
    expect(events.at(-1)!.event).toMatchObject({ type: 'run-end', status: 'completed' });
    const passId = (ended.result as PassResult).passId;
    for (const { event } of events) if ('passId' in event) expect(event.passId).toBe(passId);
    expect(events.filter(({ event }) => event.type === 'row-end')).toHaveLength(6);
    // Resuming a stream after an id gives what came after it.
    const rest: number[] = [];
    for await (const { id } of runs.events(started.id, { afterId: events.length - 2, signal: new AbortController().signal })) rest.push(id);
    expect(rest).toEqual([events.length - 1, events.length]);
    expect(runs.list().runs.map(({ id }) => id)).toEqual([started.id]);
  });

  it('refuses a run whose pass is refused before any call, and keeps no run of it', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(2) });
    const runs = createRunManager({ context: swarm.context, kinds: runKinds });
    const error = await rejection(runs.start('pass', { tableId: table.id, options: { instruction: 'Label {nope}', responseSchema: labelSchema, model: 'mock' } }));
    expect(error.name).toBe('InvalidInputError');
    expect((await rejection(runs.start('pass', { tableId: 'missing', options: { instruction: 'x', responseSchema: labelSchema, model: 'mock' } }))).name).toBe('NotFoundError');
    expect((await rejection(runs.start('pass', { tableId: table.id, options: { instruction: 3 } }))).message).toMatch(/instruction/);
    expect(runs.list().runs).toEqual([]);
  });

  it('cancels a run: the pass stops with rows left pending, and the run ends cancelled', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(40) });
    const runs = createRunManager({ context: swarm.context, kinds: runKinds });
    const run = await runs.start('pass', { tableId: table.id, options: { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock:default?latencyMs=100', batchSize: 1, concurrency: 2 } });
    expect(runs.cancel(run.id).status).toBe('cancelled');
    const ended = await runs.settled(run.id);
    expect(ended.status).toBe('cancelled');
    expect(ended.result).toMatchObject({ stopped: { reason: 'aborted' } });
    expect((ended.result as PassResult).pending).toBeGreaterThan(0);
  });

  it('fans prompts out as a run, each prompt-end event its own', async () => {
    const { swarm } = tempSwarm();
    const runs = createRunManager({ context: swarm.context, kinds: runKinds });
    const run = await runs.start('parallel', { prompts: ['one', 'two', 'three'], model: 'mock' });
    const ended = await runs.settled(run.id);
    expect(ended.result).toMatchObject({ results: [{ index: 0, ok: true }, { index: 1, ok: true }, { index: 2, ok: true }], stats: { total: 3, succeeded: 3 } });
    const ends = (await eventsOf(runs, run.id)).filter(({ event }) => event.type === 'prompt-end');
    expect(ends.map(({ event }) => (event as { index: number }).index).sort()).toEqual([0, 1, 2]);
  });

  it('takes over a run its dead process left running, and resumes it', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(5) });
    const request = { tableId: table.id, options: { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock' } };
    // A pid no process has: the run's owner is gone.
    swarm.context.store.runs.insert({ id: 'run-abandoned1', kind: 'pass', request, owner: `${hostname()}|2147483646|dead`, at: Date.now() });
    swarm.context.store.runs.insert({ id: 'run-alive', kind: 'pass', request, owner: `${hostname()}|${process.pid}|other`, at: Date.now() });
    const runs = createRunManager({ context: swarm.context, kinds: runKinds });
    expect(runs.resumeAbandoned().map(({ id }) => id)).toEqual(['run-abandoned1']);
    expect(await runs.settled('run-abandoned1')).toMatchObject({ status: 'completed', result: { completed: 5 } });
    expect(runs.get('run-alive').status).toBe('running');
  });
});
