import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { critiqueNote } from '../critic/critique-note.ts';
import { createPlanBus } from '../plan-bus/create-plan-bus.ts';
import { planMemory } from '../plan-memory/plan-memory.ts';
import { openStore } from '../store/open-store.ts';
import { hivemindHooks } from './hivemind-hooks.ts';

function critic(...texts: string[]): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doGenerate: texts.map(
      (text): LanguageModelV4GenerateResult => ({
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
        warnings: [],
      }),
    ),
  });
}

function tempMemory() {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarm-hooks-'));
  const store = openStore(dir);
  onTestFinished(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return planMemory(store);
}

describe('hivemindHooks', () => {
  it('offers memories and broadcasts as a task starts, and publishes and remembers what it found', async () => {
    const memory = tempMemory();
    memory.remember('earlier-run', 'survey', 'Otters use stones as tools to open shellfish.');
    const bus = createPlanBus({ taskOrder: ['scope', 'detail', 'count'] });
    const hooks = hivemindHooks({ runId: 'run-1', bus, memory });
    const scope = { id: 'scope', description: 'Scope otter tool use' };
    const first = await hooks.beforeTask(scope, 'Scope how otters use tools.');
    expect(first).toContain('Relevant findings from earlier tasks:\n- (survey) Otters use stones as tools');
    expect(first).toContain('starting with BROADCAST:');
    expect(await hooks.afterTask(scope, 'Scoped.\nBROADCAST: sea otters only', { prompt: first, run: 1 })).toBeUndefined();
    const detail = await hooks.beforeTask({ id: 'detail', description: 'x', schema: { type: 'object' } }, 'Detail the tools otters use.');
    expect(detail).toContain('Shared discoveries from other tasks of this run:\n- (scope) sea otters only');
    expect(detail).not.toContain('starting with BROADCAST:');
    expect(memory.recall('sea otters scoped', 5, { runId: 'run-1' }).map((finding) => finding.taskId)).toEqual(['scope']);
    const command = { id: 'count', description: 'count them', command: 'wc -l' };
    expect(await hooks.beforeTask(command, 'count them')).toBe('count them');
  });

  it('runs a task under the critic threshold once more with the critique, and only once', async () => {
    const model = critic('{"score": 0.3, "critique": "Name the species."}', '{"score": 0.9, "critique": "fine"}');
    const hooks = hivemindHooks({ runId: 'run-1', critic: { model } });
    const task = { id: 'answer', description: 'Which otters use tools?', critic: true };
    const verdict = await hooks.afterTask(task, 'Some otters.', { prompt: 'Which otters use tools?', run: 1 });
    expect(verdict).toEqual({ retry: critiqueNote('Name the species.'), review: { score: 0.3, critique: 'Name the species.', pass: false } });
    expect(await hooks.afterTask(task, 'Sea otters.', { prompt: `Which otters use tools?\n\n${verdict!.retry}`, run: 2 })).toBeUndefined();
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(await hooks.afterTask({ id: 'plain', description: 'x' }, 'y', { prompt: 'x', run: 1 })).toBeUndefined();
  });

  it("uses a task's own critic model and threshold, keeps a result whose critique cannot be read, and needs a critic model", async () => {
    const own = critic('{"score": 0.8, "critique": "ok"}');
    const hooks = hivemindHooks({ runId: 'r', critic: { model: critic('{"score": 2, "critique": "?"}'), modelFor: (spec) => (spec === 'strict' ? own : critic()) } });
    expect(await hooks.afterTask({ id: 'a', description: 'x', critic: { model: 'strict', threshold: 0.9 } }, 'y', { prompt: 'x', run: 1 })).toEqual({
      retry: expect.stringContaining('ok'),
      review: { score: 0.8, critique: 'ok', pass: false },
    });
    expect(await hooks.afterTask({ id: 'b', description: 'x', critic: true }, 'y', { prompt: 'x', run: 1 })).toBeUndefined();
    await expect(hivemindHooks({ runId: 'r' }).afterTask({ id: 'c', description: 'x', critic: true }, 'y', { prompt: 'x', run: 1 })).rejects.toThrow(
      'task c asks for a critic, but the run has no critic model',
    );
  });
});
