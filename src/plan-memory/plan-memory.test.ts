import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { planMemory } from './plan-memory.ts';
import { promptWithMemories } from './prompt-with-memories.ts';
import { searchWords } from './search-words.ts';

const folders: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function storeIn(dir?: string): { store: Store; dir: string } {
  const folder = dir ?? mkdtempSync(path.join(tmpdir(), 'swarm-plan-memory-'));
  if (dir === undefined) folders.push(folder);
  const store = openStore(folder);
  stores.push(store);
  return { store, dir: folder };
}

const findings = [
  ['search-openai', 'OpenAI prices GPT-4o mini at $0.15 per million input tokens.'],
  ['search-anthropic', 'Anthropic published a responsible scaling policy describing AI safety levels.'],
  ['analyze-diffusion', 'Diffusion models generate images by reversing a gradual noising process; analyzing their sampling steps shows most quality comes early.'],
  ['search-mistral', 'Mistral released open-weight models under the Apache license.'],
] as const;

describe('plan memory', () => {
  it('recalls the relevant finding first, ranked by bm25, with stemming', () => {
    const { store } = storeIn();
    const memory = planMemory(store);
    for (const [taskId, text] of findings) memory.remember('run-1', taskId, text);
    const recalled = memory.recall('How does the diffusion sampling process analyze noise?', 3);
    expect(recalled[0]).toMatchObject({ runId: 'run-1', taskId: 'analyze-diffusion' });
    expect(recalled).toHaveLength(1);
    expect(recalled[0]!.score).toBeGreaterThan(0);
    const safety = memory.recall('safety policy of AI labs', 2);
    expect(safety.map((finding) => finding.taskId)).toEqual(['search-anthropic']);
    // "prices" finds "price"-stemmed text, and ranks the finding with more of the words first.
    const pricing = memory.recall('model prices per million tokens', 4);
    expect(pricing[0]!.taskId).toBe('search-openai');
    expect(pricing.map((finding) => finding.taskId)).toContain('search-mistral');
    expect(pricing.map((finding) => finding.score)).toEqual([...pricing.map((finding) => finding.score)].sort((left, right) => right - left));
  });

  it('persists across a store reopen, replaces a task’s earlier finding, and filters by run', () => {
    const { store, dir } = storeIn();
    const memory = planMemory(store);
    memory.remember('run-1', 'a', 'The harbour seals counted: 41.');
    memory.remember('run-1', 'a', 'The harbour seals counted: 43, after a recount.');
    memory.remember('run-2', 'b', { note: 'Grey seals outnumber harbour seals here.' });
    memory.remember('run-2', 'c', '   ');
    store.close();
    stores.length = 0;
    const reopened = planMemory(storeIn(dir).store);
    const seals = reopened.recall('harbour seals', 5);
    expect(seals.map((finding) => [finding.runId, finding.taskId])).toEqual(expect.arrayContaining([['run-1', 'a'], ['run-2', 'b']]));
    expect(seals).toHaveLength(2);
    expect(seals.find((finding) => finding.taskId === 'a')!.text).toBe('The harbour seals counted: 43, after a recount.');
    expect(seals.find((finding) => finding.taskId === 'b')!.text).toBe('{"note":"Grey seals outnumber harbour seals here."}');
    expect(reopened.recall('harbour seals', 5, { runId: 'run-2' }).map((finding) => finding.taskId)).toEqual(['b']);
  });

  it('takes any query text safely: FTS5 syntax is only words', () => {
    const { store } = storeIn();
    const memory = planMemory(store);
    memory.remember('r', 't', 'NEAR the "quoted" column: OR AND NOT *');
    expect(memory.recall('NEAR( "quoted" col:umn * OR )', 5).map((finding) => finding.taskId)).toEqual(['t']);
    expect(memory.recall('the of and', 5)).toEqual([]);
    expect(searchWords('The Quick, quick brown fox — a b c déjà-vu 42')).toEqual(['quick', 'brown', 'fox', 'déjà', 'vu', '42']);
  });

  it('offers the top findings to a later task, leaving out its own', () => {
    const { store } = storeIn();
    const memory = planMemory(store);
    for (const [taskId, text] of findings) memory.remember('run-1', taskId, text);
    const prompt = promptWithMemories('Compare the pricing of model providers per million tokens.', memory, { k: 2 });
    expect(prompt).toMatch(/^Compare the pricing of model providers per million tokens\.\n\nRelevant findings from earlier tasks:\n- \(search-openai\) OpenAI prices GPT-4o mini/);
    expect(prompt.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(2);
    const own = promptWithMemories('OpenAI prices per million tokens', memory, { k: 1, runId: 'run-1', taskId: 'search-openai' });
    expect(own).not.toContain('(search-openai)');
    expect(promptWithMemories('Unrelated: zebras', memory)).toBe('Unrelated: zebras');
  });
});
