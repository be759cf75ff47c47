import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { readSource } from '../table/sources/read-source.ts';
import { checkTaskPlaceholders } from './check-task-placeholders.ts';
import { loadTaskFile } from './load-task-file.ts';
import { loadWorkerScript } from './load-worker-script.ts';
import { renderTaskPrompt } from './render-task-prompt.ts';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/tasks');
const config: SwarmConfig = { aliases: {}, providers: {}, prices: {} };
const files = readdirSync(examples).filter((name) => name.endsWith('.yaml'));

describe('examples/tasks', () => {
  it('has one example per task type', () => {
    expect(files.sort()).toEqual(['classification.yaml', 'custom.yaml', 'extraction.yaml', 'generation.yaml', 'summarization.yaml', 'translation.yaml']);
  });

  it.each(files)('%s validates, runs on the mock model, and its placeholders fit its seeds', async (name) => {
    const task = loadTaskFile(path.join(examples, name), { config, env: {} });
    expect(task.taskType).toBe(name.replace('.yaml', ''));
    expect([task.workerModel, task.orchestratorModel]).toEqual(['mock', 'mock']);
    const rows = [];
    for await (const record of readSource({ file: task.seedsFile })) rows.push(record.data);
    expect(rows.length).toBeGreaterThan(0);
    const columns = Object.keys(rows[0]!);
    checkTaskPlaceholders(task.promptTemplate, columns, { file: task.file });
    if (task.nextTurn !== undefined && 'template' in task.nextTurn) checkTaskPlaceholders(task.nextTurn.template, columns, { key: 'next_turn.template' });
    expect(renderTaskPrompt(task.promptTemplate, rows[0]!)).not.toMatch(/\{\{?\s*\w+\s*\}?\}/);
  });

  it('the custom worker answers with its columns', async () => {
    const task = loadTaskFile(path.join(examples, 'custom.yaml'), { config, env: {} });
    const { run } = await loadWorkerScript(task);
    const calls: unknown[] = [];
    const call = async (messages: unknown, options?: { schema?: object }) => {
      calls.push(messages);
      return options?.schema === undefined ? 'A sturdy board.' : '{"tagline": "Cut, carve, keep the juice"}';
    };
    const row = { id: 'p1', seed: 'a bamboo cutting board', audience: 'home cooks' };
    expect(await run!(row, { call, prompt: renderTaskPrompt(task.promptTemplate, row), signal: new AbortController().signal })).toEqual({
      description: 'A sturdy board.',
      tagline: 'Cut, carve, keep the juice',
    });
    expect(calls).toHaveLength(2);
  });
});
