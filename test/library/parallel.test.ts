import { describe, expect, it } from 'vitest';
import type { PromptResult } from '../../src/index.ts';
import { rejection } from './support/rejection.ts';
import { tempSwarm } from './support/temp-swarm.ts';

describe('parallel(prompts)', () => {
  it('answers every prompt with its own call and returns the results in the order given', async () => {
    const { swarm } = tempSwarm();
    const prompts = Array.from({ length: 12 }, (_, index) => `prompt ${index}`);
    const seen: PromptResult[] = [];
    const { results, stats } = await swarm.parallel(prompts, { model: 'mock:default?latencyMs=20&jitterMs=15', onResult: (result) => seen.push(result) });
    expect(results.map((result) => result.index)).toEqual(prompts.map((_, index) => index));
    for (const result of results) expect(result).toMatchObject({ ok: true, text: expect.stringMatching(/^mock answer for prompt /) });
    expect(seen.map((result) => result.index).sort((a, b) => a - b)).toEqual(results.map((result) => result.index));
    expect(stats).toMatchObject({ total: 12, succeeded: 12, failed: 0, tableId: expect.stringMatching(/^parallel-/), usage: { calls: 12 } });
    // The prompts and answers are a table like any other.
    expect((await swarm.rows(stats.tableId, { columns: ['text'] })).map((row) => row.id)).toEqual(prompts.map((_, index) => String(index + 1)));
  });

  it('gives structured answers with a schema, and each failure with its error, never null', async () => {
    const { swarm } = tempSwarm();
    const schema = { type: 'object', properties: { answer: { type: 'integer' } }, required: ['answer'] };
    const structured = await swarm.parallel(['2+2', '3*7'], { model: 'mock', schema });
    for (const result of structured.results) expect(result).toMatchObject({ ok: true, output: { answer: expect.any(Number) } });
    const failing = await swarm.parallel(['a', 'b', 'c'], { model: 'mock:default?failureRate=1', maxAttempts: 1, cache: false });
    expect(failing.stats).toMatchObject({ succeeded: 0, failed: 3 });
    for (const result of failing.results) expect(result).toMatchObject({ ok: false, error: { message: expect.any(String), class: expect.any(String) } });
  });

  it('ends prompts not answered when it is stopped as "stopped", and resumes them under the same table id', async () => {
    const { swarm } = tempSwarm();
    const prompts = Array.from({ length: 20 }, (_, index) => `slow prompt ${index}`);
    const controller = new AbortController();
    let answered = 0;
    const cut = await swarm.parallel(prompts, {
      model: 'mock:default?latencyMs=30',
      concurrency: 2,
      tableId: 'parallel-resumed',
      abortSignal: controller.signal,
      onResult: () => ++answered === 4 && controller.abort(),
    });
    const stopped = cut.results.filter((result) => !result.ok);
    expect(stopped.length).toBeGreaterThan(0);
    for (const result of stopped) expect(result).toMatchObject({ ok: false, error: { class: 'stopped' } });
    const resumed = await swarm.parallel(prompts, { model: 'mock:default?latencyMs=30', concurrency: 2, tableId: 'parallel-resumed' });
    expect(resumed.stats.succeeded).toBe(20);
    expect(resumed.stats.usage.calls + resumed.stats.usage.cached).toBeLessThan(20);
  });

  it('refuses empty prompts and an unknown model before any call, leaving no table', async () => {
    const { swarm } = tempSwarm();
    expect((await rejection(swarm.parallel([]))).name).toBe('InvalidInputError');
    expect((await rejection(swarm.parallel(['ok', '  ']))).message).toContain('prompts[1]');
    expect((await rejection(swarm.parallel(['a'], { model: 'nope:model' }))).name).toBe('ModelConfigError');
    expect(await swarm.tables()).toEqual([]);
  });
});
