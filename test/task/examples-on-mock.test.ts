import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHeader, examplesWorkspace, jsonResult, readRecords, removeTaskWorkspaces, runSwarm } from './support/task-workspace.ts';

interface RunJson {
  output: string;
  completed: number;
  failed: number;
  skipped: number;
  pending: number;
  usage: { calls: number };
}

interface ExampleRun {
  cwd: string;
  seedIds: string[];
  first: RunJson;
  /** The output file's bytes after the first run. */
  written: string;
  again: RunJson;
  rewritten: string;
}

/**
 * Each example, its seeds file, where its output lands (output_dir and output_format in its task
 * file), and the output's columns: the seeds' columns, then the task's.
 */
const examples = {
  generation: {
    seeds: 'generation-seeds.jsonl',
    output: 'output/generation/generation.jsonl',
    columns: ['id', 'seed', 'genre', 'output', 'turns', 'completed', 'conversation'],
  },
  translation: { seeds: 'translation-seeds.csv', output: 'output/translation/translation.csv', columns: ['id', 'text', 'language', 'output'] },
  summarization: { seeds: 'summarization-seeds.jsonl', output: 'output/summarization/summarization.json', columns: ['id', 'text', 'output'] },
  classification: {
    seeds: 'classification-seeds.jsonl',
    output: 'output/classification/classification.jsonl',
    columns: ['id', 'text', 'stars', 'sentiment', 'confidence'],
  },
  extraction: {
    seeds: 'extraction-seeds.jsonl',
    output: 'output/extraction/extraction.csv',
    columns: ['id', 'text', 'company', 'invoice_number', 'amount', 'currency', 'due_date'],
  },
  custom: { seeds: 'custom-seeds.jsonl', output: 'output/custom/custom.jsonl', columns: ['id', 'seed', 'audience', 'output'] },
} as const;
type Example = keyof typeof examples;

const runs = new Map<Example, ExampleRun>();

async function runExample(name: Example): Promise<ExampleRun> {
  const cwd = examplesWorkspace();
  const args = ['run', `examples/tasks/${name}.yaml`, '--json', '--quiet'];
  const firstRun = await runSwarm(args, { cwd });
  if (firstRun.code !== 0) throw new Error(`${name}: exit code ${firstRun.code}\n${firstRun.stderr}`);
  const first = jsonResult<RunJson>(firstRun);
  const written = readFileSync(first.output, 'utf8');
  const againRun = await runSwarm(args, { cwd });
  if (againRun.code !== 0) throw new Error(`${name} (again): exit code ${againRun.code}\n${againRun.stderr}`);
  const seedIds = readRecords(path.join(cwd, 'examples/tasks', examples[name].seeds)).map((seed) => String(seed.id));
  return { cwd, seedIds, first, written, again: jsonResult<RunJson>(againRun), rewritten: readFileSync(first.output, 'utf8') };
}

beforeAll(async () => {
  const names = Object.keys(examples) as Example[];
  const results = await Promise.all(names.map(runExample));
  names.forEach((name, index) => runs.set(name, results[index]!));
}, 90_000);
afterAll(removeTaskWorkspaces);

/** The output records of an example, after checking there is one per seed, in seed order, each with the expected columns. */
function outputOf(name: Example): Record<string, unknown>[] {
  const run = runs.get(name)!;
  expect(run.first.output).toBe(path.join(run.cwd, 'examples/tasks', examples[name].output));
  if (run.first.output.endsWith('.csv')) expect(csvHeader(run.first.output)).toEqual(examples[name].columns);
  const records = readRecords(run.first.output);
  expect(records.map((record) => String(record.id))).toEqual(run.seedIds);
  for (const record of records) expect(Object.keys(record)).toEqual(examples[name].columns);
  return records;
}

describe('swarm run examples/tasks/<x>.yaml --json on the mock model', () => {
  it.each(Object.keys(examples) as Example[])('%s: exits 0 with every seed completed; a re-run makes no calls and leaves the output as it was', (name) => {
    const run = runs.get(name)!;
    expect(run.first).toMatchObject({ completed: run.seedIds.length, failed: 0, skipped: 0, pending: 0 });
    expect(run.first.usage.calls).toBeGreaterThanOrEqual(1);
    expect(run.again).toMatchObject({ completed: 0, failed: 0, skipped: run.seedIds.length, pending: 0 });
    expect(run.again.usage.calls).toBe(0);
    expect(run.rewritten).toBe(run.written);
  });

  it('generation: each record holds a conversation of alternating turns, and turns counts its assistant messages', () => {
    for (const record of outputOf('generation')) {
      const conversation = record.conversation as { role: string; content: string }[];
      expect(conversation.map((message) => message.role)).toEqual(conversation.map((_, index) => (index % 2 === 0 ? 'user' : 'assistant')));
      expect(conversation.at(-1)!.role).toBe('assistant');
      const assistant = conversation.filter((message) => message.role === 'assistant');
      expect(record.turns).toBe(assistant.length);
      // max_turns: 3, and the mock never writes the DONE marker.
      expect(record).toMatchObject({ turns: 3, completed: false, output: assistant.at(-1)!.content });
      expect(conversation[0]!.content).toContain(String(record.seed));
      expect(conversation[2]!.content).toMatch(/^Turn 2:/);
    }
  });

  it.each(['translation', 'summarization'] as const)('%s: each record has its text output (translation as CSV, summarization as a JSON array)', (name) => {
    for (const record of outputOf(name)) expect(record.output).toEqual(expect.stringMatching(/\S/));
  });

  it("classification: each record has the schema's columns with valid values", () => {
    for (const record of outputOf('classification')) {
      expect(['positive', 'negative', 'neutral']).toContain(record.sentiment);
      expect(record.confidence).toBeGreaterThanOrEqual(0);
      expect(record.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("extraction (CSV): the schema file's columns, filled for every record", () => {
    const columns = ['company', 'invoice_number', 'amount', 'currency', 'due_date'];
    for (const record of outputOf('extraction')) {
      for (const column of columns) expect(record[column]).toEqual(expect.stringMatching(/\S/));
    }
  });

  it("custom: the worker script's columns, kept whole in output", () => {
    for (const record of outputOf('custom')) {
      expect(record.output).toEqual({ description: expect.any(String), tagline: expect.any(String) });
    }
  });
});
