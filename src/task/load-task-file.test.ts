import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { InvalidInputError } from '../errors/index.ts';
import { loadTaskFile, type LoadTaskFileOptions } from './load-task-file.ts';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'swarm-task-'));
  write('seeds.jsonl', '{"id": "s1", "seed": "a lighthouse keeper"}\n');
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

const config: SwarmConfig = { aliases: { fast: 'openai:gpt-4o-mini' }, providers: { local: { baseURL: 'http://localhost:11434/v1' } }, prices: {} };

function write(name: string, text: string): string {
  const file = path.join(directory, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const minimal = ['task_type: generation', 'prompt_template: "Write about {{seed}}"', 'worker_model: mock', 'seeds_file: seeds.jsonl'];

function load(lines: string[], options: LoadTaskFileOptions = {}) {
  write('task.yaml', lines.join('\n') + '\n');
  return loadTaskFile('task.yaml', { cwd: directory, config, env: {}, ...options });
}

function loadError(lines: string[], options: LoadTaskFileOptions = {}): InvalidInputError {
  try {
    load(lines, options);
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loadTaskFile to throw');
}

describe('loadTaskFile', () => {
  it('fills in defaults and resolves paths against the task file folder', () => {
    const task = load(minimal);
    expect(task).toEqual({
      file: path.join(directory, 'task.yaml'),
      taskType: 'generation',
      promptTemplate: 'Write about {{seed}}',
      orchestratorModel: 'mock',
      workerModel: 'mock',
      multiTurn: false,
      maxTurns: 10,
      seedsFile: path.join(directory, 'seeds.jsonl'),
      workers: 'auto',
      stagger: 'auto',
      batchSize: 1,
      outputDir: path.join(directory, 'output'),
      outputFormat: 'jsonl',
      checkpointEvery: 100,
      budget: {},
      mode: 'online',
      seedCount: 100,
    });
  });

  it('reads a task file in a subfolder relative to cwd, with its paths relative to that folder', () => {
    write('jobs/seeds.csv', 'id,text\nr1,hello\n');
    write('jobs/task.yaml', ['task_type: translation', 'prompt_template: "To French: {{seed}}"', 'worker_model: mock', 'seeds_file: seeds.csv'].join('\n'));
    const task = loadTaskFile('jobs/task.yaml', { cwd: directory, config, env: {} });
    expect(task.seedsFile).toBe(path.join(directory, 'jobs', 'seeds.csv'));
    expect(task.outputDir).toBe(path.join(directory, 'jobs', 'output'));
  });

  it("reads DeepSwarm's keys and Swarm's own", () => {
    write('worker.ts', 'export function nextTurn() { return undefined; }\n');
    const task = load([
      'task_type: generation',
      'prompt_template: |',
      '  You are an AI assistant. {{seed}}',
      'system: Be brief.',
      'orchestrator_model: deepseek-v4-pro',
      'worker_model: deepseek-v4-flash',
      'worker_api_base: https://api.deepseek.com/v1/chat/completions',
      'worker_api_key_env: DEEPSEEK_API_KEY',
      'worker_max_tokens: 4096',
      'multi_turn: true',
      'max_turns: 20',
      'completion: { json_field: done, equals: yes }',
      'next_turn: script',
      'worker_script: worker.ts',
      'seeds_file: seeds.jsonl',
      'workers: 6',
      'stagger: 2.5',
      'batch_size: auto',
      'output_dir: out/',
      'output_format: parquet',
      'checkpoint_every: 10',
      'budget: { max_cost: 5, max_daily_spend: 20, max_tokens: 1000000, max_calls: 300 }',
      'mode: online',
      'seed_count: 50',
      'seed_instruction: Short story premises.',
    ]);
    expect(task).toEqual({
      file: path.join(directory, 'task.yaml'),
      taskType: 'generation',
      promptTemplate: 'You are an AI assistant. {{seed}}\n',
      system: 'Be brief.',
      orchestratorModel: 'deepseek-v4-pro',
      workerModel: 'deepseek-v4-flash',
      workerApiBase: 'https://api.deepseek.com/v1',
      workerApiKeyEnv: 'DEEPSEEK_API_KEY',
      workerMaxTokens: 4096,
      multiTurn: true,
      maxTurns: 20,
      completion: { jsonField: 'done', equals: 'yes' },
      nextTurn: { script: true },
      workerScript: path.join(directory, 'worker.ts'),
      seedsFile: path.join(directory, 'seeds.jsonl'),
      workers: 6,
      stagger: 2500,
      batchSize: 1,
      outputDir: path.join(directory, 'out'),
      outputFormat: 'parquet',
      checkpointEvery: 10,
      budget: { maxCost: 5, maxDailyCost: 20, maxTokens: 1000000, maxCalls: 300 },
      mode: 'online',
      seedCount: 50,
      seedInstruction: 'Short story premises.',
    });
  });

  it('reads the other completion and next-turn forms', () => {
    expect(load([...minimal, 'multi_turn: true', 'completion: { marker: DONE }', 'next_turn: { template: "Go on: {{last}}" }'])).toMatchObject({
      completion: { marker: 'DONE' },
      nextTurn: { template: 'Go on: {{last}}' },
    });
    expect(
      load([
        ...minimal,
        'multi_turn: true',
        'completion: { regex: "^FINAL" }',
        'next_turn:',
        '  user_simulator: { model: fast, instruction: Act as a curious student. }',
      ]),
    ).toMatchObject({ completion: { regex: '^FINAL' }, nextTurn: { userSimulator: { model: 'fast', instruction: 'Act as a curious student.' } } });
  });

  it('lets a multi-turn task without next_turn ask the model to continue, up to max_turns', () => {
    expect(load([...minimal, 'multi_turn: true', 'max_turns: 4'])).toMatchObject({ multiTurn: true, maxTurns: 4, nextTurn: { template: 'Continue.' } });
  });

  it('batches structured tasks automatically and everything else one row per call', () => {
    write('schema.json', '{"type": "object", "properties": {"label": {"type": "string"}}}');
    const classification = ['task_type: classification', 'prompt_template: "{{seed}}"', 'worker_model: mock', 'seeds_file: seeds.jsonl', 'response_schema: schema.json'];
    expect(load(classification).batchSize).toBe('auto');
    expect(load([...classification, 'batch_size: 25']).batchSize).toBe(25);
    expect(load(minimal).batchSize).toBe(1);
    expect(load([...minimal, 'multi_turn: true', 'batch_size: auto']).batchSize).toBe(1);
  });

  it('takes the total as the seed count over seed_count', () => {
    expect(load([...minimal, 'seed_count: 30']).seedCount).toBe(30);
    expect(load([...minimal, 'seed_count: 30'], { total: 500 }).seedCount).toBe(500);
    expect(load(minimal, { total: 7 }).seedCount).toBe(7);
    expect(() => load(minimal, { total: 0 })).toThrow('total must be a whole number of 1 or more');
  });

  it('accepts model aliases and providers from the config', () => {
    expect(load([...minimal.filter((line) => !line.startsWith('worker_model')), 'worker_model: fast', 'orchestrator_model: local:llama3'])).toMatchObject({
      workerModel: 'fast',
      orchestratorModel: 'local:llama3',
    });
  });

  it('loads swarm.config.yaml from cwd when no config is given', () => {
    write('swarm.config.yaml', 'aliases:\n  cheap: mock\n');
    write('task.yaml', [...minimal.filter((line) => !line.startsWith('worker_model')), 'worker_model: cheap'].join('\n'));
    expect(loadTaskFile('task.yaml', { cwd: directory, env: {} }).workerModel).toBe('cheap');
  });
});

describe('loadTaskFile problems', () => {
  it('names an unknown key, its line and the likely key', () => {
    const error = loadError(['task_type: generation', 'prompt_templat: "{{seed}}"', 'worker_model: mock', 'seeds_file: seeds.jsonl']);
    expect(error.message).toBe(`${path.join(directory, 'task.yaml')}:2: unknown key "prompt_templat" (did you mean "prompt_template"?)`);
    expect(error.line).toBe(2);
    expect(error.file).toBe(path.join(directory, 'task.yaml'));
  });

  it('gives each unknown key its own line, listing the known keys when none is close', () => {
    const message = loadError([...minimal, 'colour: red', 'workerz: 2']).message;
    expect(message).toMatch(/2 problems:\n {2}line 5: unknown key "colour" \(known keys: task_type, prompt_template, .*\)\n {2}line 6: unknown key "workerz" \(did you mean "workers"\?\)$/);
  });

  it('suggests keys inside completion and next_turn too', () => {
    expect(loadError([...minimal, 'multi_turn: true', 'completion:', '  markr: DONE']).message).toContain(
      'task.yaml:7: unknown key "completion.markr" (did you mean "marker"?)',
    );
    expect(loadError([...minimal, 'multi_turn: true', 'next_turn:', '  templat: again']).message).toContain(
      'task.yaml:7: unknown key "next_turn.templat" (did you mean "template"?)',
    );
    expect(loadError([...minimal, 'multi_turn: true', 'next_turn:', '  user_simulator: { model: mock, instructions: hi }']).message).toContain(
      'unknown key "next_turn.user_simulator.instructions" (did you mean "instruction"?)',
    );
  });

  it('names the key of a wrong type, with its line', () => {
    expect(loadError([...minimal, 'workers: many']).message).toMatch(/task\.yaml:5: "workers" must be "auto" or a whole number of 1 or more$/);
    expect(loadError([...minimal, 'workers: 0']).message).toMatch(/:5: "workers" must be "auto" or a whole number of 1 or more$/);
    expect(loadError([...minimal, 'multi_turn: yes']).message).toMatch(/:5: "multi_turn" must be true or false$/);
    expect(loadError([...minimal, 'stagger: -1']).message).toMatch(/:5: "stagger" must be "auto" or a number of seconds/);
    expect(loadError([...minimal, 'max_turns: 2.5']).message).toMatch(/:5: "max_turns" must be a whole number of turns/);
    expect(loadError([...minimal, 'budget: { max_cost: lots }']).message).toMatch(/:5: "budget.max_cost" must be a number of 0 or more$/);
    expect(loadError([...minimal, 'next_turn: scripts']).message).toMatch(/:5: "next_turn" must be script, \{ template/);
    expect(loadError([...minimal, 'response_schema: [a, b]']).message).toMatch(/:5: "response_schema" must be a JSON Schema/);
    expect(loadError([...minimal, 'system:']).message).toMatch(/:5: "system" has no value: give one or remove the key$/);
  });

  it('suggests the closest allowed value', () => {
    expect(loadError(['task_type: generaton', ...minimal.slice(1)]).message).toMatch(
      /:1: "task_type" must be one of generation, translation, summarization, classification, extraction, custom \(did you mean "generation"\?\)$/,
    );
    expect(loadError([...minimal, 'output_format: jsnol']).message).toContain('(did you mean "jsonl"?)');
  });

  it('lists every missing required key', () => {
    const error = loadError(['worker_model: mock']);
    expect(error.message).toBe(
      `${path.join(directory, 'task.yaml')}: 3 problems:\n` +
        '  missing required key "task_type"\n  missing required key "prompt_template"\n  missing required key "seeds_file"',
    );
  });

  it('treats an empty task file as missing everything', () => {
    expect(loadError(['# nothing yet']).message).toContain('4 problems');
  });

  it('reports problems in file order, each with its line', () => {
    const error = loadError([...minimal, 'output_format: xml', 'workers: none']);
    expect(error.message).toMatch(/2 problems:\n {2}line 5: "output_format" .*\n {2}line 6: "workers" /);
    expect(error.line).toBeUndefined();
  });

  it('reports YAML syntax errors with their line, and files that are not mappings', () => {
    expect(loadError(['task_type: generation', 'prompt_template: "unclosed', 'worker_model: mock']).message).toMatch(/task\.yaml:\d+: invalid YAML: /);
    expect(loadError(['task_type: generation', 'task_type: custom']).message).toMatch(/:2: invalid YAML: Map keys must be unique/);
    expect(loadError(['- a list']).message).toContain('expected a mapping of task settings');
  });

  it('reports a missing task file', () => {
    expect(() => loadTaskFile('nope.yaml', { cwd: directory, config })).toThrow(`${path.join(directory, 'nope.yaml')}: task file not found`);
  });

  it('reports a missing seeds file, unless swarm seed is about to write it', () => {
    const lines = [...minimal.slice(0, 3), 'seeds_file: data/seeds.jsonl'];
    expect(loadError(lines).message).toBe(
      `${path.join(directory, 'task.yaml')}:4: "seeds_file" not found: ${path.join(directory, 'data', 'seeds.jsonl')} (create it, or generate it with \`swarm seed\`)`,
    );
    expect(load(lines, { allowMissingSeeds: true }).seedsFile).toBe(path.join(directory, 'data', 'seeds.jsonl'));
  });

  it('rejects seeds files it cannot read as a table', () => {
    expect(loadError([...minimal.slice(0, 3), 'seeds_file: seeds.txt']).message).toContain('"seeds_file" must be a .jsonl, .ndjson, .csv, .json file');
    mkdirSync(path.join(directory, 'folder.jsonl'));
    expect(loadError([...minimal.slice(0, 3), 'seeds_file: folder.jsonl']).message).toContain('"seeds_file" must name a file, not a folder');
  });

  it('reports a worker script that is missing, a folder, or not JavaScript', () => {
    const custom = ['task_type: custom', 'prompt_template: go', 'worker_model: mock', 'seeds_file: seeds.jsonl'];
    expect(loadError([...custom, 'worker_script: scripts/worker.ts']).message).toBe(
      `${path.join(directory, 'task.yaml')}:5: "worker_script" not found: ${path.join(directory, 'scripts', 'worker.ts')}`,
    );
    expect(loadError([...custom, 'worker_script: custom_worker.py']).message).toContain('"worker_script" is a Python file');
    expect(loadError([...custom, 'worker_script: worker.sh']).message).toContain('"worker_script" must be a .ts, .mts, .cts, .js, .mjs, .cjs module');
    mkdirSync(path.join(directory, 'dir.ts'));
    expect(loadError([...custom, 'worker_script: dir.ts']).message).toContain('"worker_script" must name a file, not a folder');
  });

  it('requires a worker script for custom tasks and next_turn: script', () => {
    expect(loadError(['task_type: custom', ...minimal.slice(1)]).message).toMatch(/:1: task_type: custom needs worker_script/);
    expect(loadError([...minimal, 'multi_turn: true', 'next_turn: script']).message).toMatch(/:6: next_turn: script needs worker_script/);
  });

  it('asks structured tasks for a response schema, with an example', () => {
    const message = loadError(['task_type: classification', ...minimal.slice(1)]).message;
    expect(message).toMatch(/:1: classification tasks need response_schema, the shape of each answer; e\.g\. response_schema: \{ type: object/);
    expect(loadError(['task_type: extraction', ...minimal.slice(1)]).message).toContain('extraction tasks need response_schema');
  });

  it('checks the response schema, inline or in a file', () => {
    expect(loadError([...minimal, 'response_schema: { type: string }']).message).toMatch(
      /:5: "response_schema" must have type: object \(its properties become output columns\); got type "string"$/,
    );
    expect(loadError([...minimal, 'response_schema:', '  type: object', '  properties: {}']).message).toMatch(/:7: "response_schema" needs at least one property/);
    expect(loadError([...minimal, 'response_schema: { type: object, properties: { id: { type: string } } }']).message).toContain('may not have an "id" property');
    expect(loadError([...minimal, 'response_schema: { type: object, properties: { a: { type: strng } } }']).message).toContain(
      '"response_schema" is not a valid JSON Schema',
    );
    expect(loadError([...minimal, 'response_schema: answer.json']).message).toBe(
      `${path.join(directory, 'task.yaml')}:5: "response_schema" file not found: ${path.join(directory, 'answer.json')}`,
    );
    write('answer.json', '{"type": "object",');
    expect(loadError([...minimal, 'response_schema: answer.json']).message).toMatch(/:5: "response_schema" file .*answer\.json is not valid JSON/);
    write('answer.json', '{"type": "array"}');
    expect(loadError([...minimal, 'response_schema: answer.json']).message).toMatch(/answer\.json must have type: object/);
    write('answer.yaml', 'type: object');
    expect(loadError([...minimal, 'response_schema: answer.yaml']).message).toContain('must be an inline mapping or the path of a .json file');
    write('answer.json', '{"type": "object", "properties": {"label": {"type": "string"}}}');
    expect(load([...minimal, 'response_schema: answer.json']).responseSchema).toEqual({ type: 'object', properties: { label: { type: 'string' } } });
  });

  it('names the known providers for an unknown one, without checking keys', () => {
    const message = loadError([...minimal.slice(0, 2), 'worker_model: opnai:gpt-4o', 'seeds_file: seeds.jsonl']).message;
    expect(message).toMatch(/:3: "worker_model": unknown provider "opnai" in model spec "opnai:gpt-4o" \(did you mean "openai"\?\); known providers: openai, openai-responses, anthropic, google, deepseek, groq, mock, local\./);
    expect(load([...minimal.slice(0, 2), 'worker_model: anthropic:claude-sonnet-4-5', 'seeds_file: seeds.jsonl']).workerModel).toBe('anthropic:claude-sonnet-4-5');
  });

  it('explains bare model ids, which need worker_api_base', () => {
    const message = loadError([...minimal, 'orchestrator_model: gpt-4o']).message;
    expect(message).toMatch(/:5: "orchestrator_model": malformed model spec "gpt-4o".*A bare model id works with worker_api_base/);
    expect(load([...minimal.slice(0, 2), 'worker_model: llama3:8b', 'worker_api_base: http://localhost:11434/v1/', 'seeds_file: seeds.jsonl'])).toMatchObject({
      workerModel: 'llama3:8b',
      workerApiBase: 'http://localhost:11434/v1',
      workerApiKeyEnv: 'OPENAI_API_KEY',
    });
  });

  it('checks the user simulator model', () => {
    const lines = [...minimal, 'multi_turn: true', 'next_turn: { user_simulator: { model: nobody:x, instruction: ask } }'];
    expect(loadError(lines).message).toMatch(/:6: "next_turn.user_simulator.model": unknown provider "nobody"/);
  });

  it('wants worker_api_base to be a URL, and a key variable only beside it', () => {
    expect(loadError([...minimal, 'worker_api_base: api.deepseek.com']).message).toMatch(/:5: "worker_api_base" must be an http\(s\) URL/);
    expect(loadError([...minimal, 'worker_api_key_env: DEEPSEEK_API_KEY']).message).toMatch(/:5: "worker_api_key_env" only applies with worker_api_base/);
    expect(loadError([...minimal, 'worker_api_base: http://x/v1', 'worker_api_key_env: sk-123']).message).toContain('not the key itself');
  });

  it('keeps multi-turn settings to multi-turn tasks', () => {
    expect(loadError([...minimal, 'completion: { marker: DONE }']).message).toMatch(/:5: "completion" only applies to multi-turn tasks/);
    expect(loadError([...minimal, 'next_turn: { template: more }']).message).toMatch(/:5: "next_turn" only applies to multi-turn tasks/);
    expect(loadError([...minimal, 'multi_turn: true', 'batch_size: 4']).message).toMatch(/:6: "batch_size" must be 1 \(or auto\) for multi-turn tasks/);
    expect(loadError([...minimal, 'multi_turn: true', 'max_turns: 0']).message).toMatch(/:6: "max_turns" must be a whole number of turns, 1 or more$/);
    expect(loadError([...minimal, 'multi_turn: true', 'mode: batch']).message).toMatch(/:6: mode: batch cannot run multi-turn tasks/);
    expect(loadError(['task_type: classification', ...minimal.slice(1), 'response_schema: { type: object, properties: { a: {} } }', 'multi_turn: true']).message).toMatch(
      /:6: classification tasks are single-turn/,
    );
  });

  it('checks completion rules', () => {
    const multi = [...minimal, 'multi_turn: true'];
    expect(loadError([...multi, 'completion:', '  regex: "(unclosed"']).message).toMatch(/:7: "completion.regex" is not a valid regular expression: /);
    expect(loadError([...multi, 'completion: { marker: A, regex: B }']).message).toMatch(/:6: "completion" needs exactly one of marker, regex or json_field; got marker and regex$/);
    expect(loadError([...multi, 'completion: {}']).message).toMatch(/"completion" needs exactly one of/);
    expect(loadError([...multi, 'completion:', '  marker: A', '  equals: 1']).message).toMatch(/:8: "completion.equals" only applies with json_field$/);
    expect(loadError([...multi, 'next_turn: {}']).message).toMatch(/:6: "next_turn" needs exactly one of template or user_simulator$/);
  });

  it('checks the {{…}} placeholders of templates', () => {
    expect(loadError(['task_type: generation', 'prompt_template: "Write about {{sed}}"', ...minimal.slice(2)]).message).toMatch(
      /:2: "prompt_template" uses \{\{sed\}\} \(did you mean \{\{seed\}\}\?\); its \{\{…\}\} placeholders are \{\{seed\}\}, and \{column\} is a row value$/,
    );
    expect(loadError([...minimal, 'multi_turn: true', 'next_turn: { template: "{{lats}} again" }']).message).toContain('"next_turn.template" uses {{lats}} (did you mean {{last}}?)');
    expect(loadError(['task_type: generation', 'prompt_template: Write a poem.', ...minimal.slice(2)]).message).toMatch(
      /:2: "prompt_template" has no \{\{seed\}\} or \{column\} placeholder/,
    );
    // Written {{seed}} in the definition, so the engine can find it as is.
    expect(load(['task_type: generation', 'prompt_template: "Write about {topic} in {{ seed }}"', ...minimal.slice(2)]).promptTemplate).toBe(
      'Write about {topic} in {{seed}}',
    );
  });

  it('keeps batches and multi-turn out of custom tasks', () => {
    write('worker.ts', 'export default async () => ({});\n');
    const custom = ['task_type: custom', 'prompt_template: go', 'worker_model: mock', 'seeds_file: seeds.jsonl', 'worker_script: worker.ts'];
    expect(load(custom).batchSize).toBe(1);
    expect(loadError([...custom, 'batch_size: 10']).message).toMatch(/:6: "batch_size" must be 1 \(or auto\) for custom tasks/);
    expect(loadError([...custom, 'multi_turn: true']).message).toMatch(/:6: custom tasks run their own conversation/);
    expect(loadError([...custom, 'mode: batch']).message).toMatch(/:6: mode: batch cannot run custom tasks/);
  });
});

describe('loadTaskFile and the seeds reader', () => {
  it('leaves the seeds contents to the table reader, which names the file and line', async () => {
    const { readSource } = await import('../table/sources/read-source.ts');
    write('seeds.jsonl', '{"id": "s1", "seed": "fine"}\n{"id": "s2", "seed": broken}\n');
    const task = load(minimal);
    const read = async () => {
      for await (const _record of readSource({ file: task.seedsFile })) void _record;
    };
    await expect(read()).rejects.toThrow(`${path.join(directory, 'seeds.jsonl')}:2: `);
  });
});
