import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { jsonResult, numberedSeeds, readRecords, removeTaskWorkspaces, runSwarm, taskWorkspace, type CliOutcome } from './support/task-workspace.ts';

const seedCount = 4;

/** A custom worker: a free-text call, then a JSON one, as examples/tasks/custom-worker.ts does; it also hands back the prompt it was given. */
const customWorker = `
export default async function (row, { call, prompt }) {
  const description = await call([{ role: 'user', content: prompt }]);
  const answer = await call(
    [{ role: 'user', content: prompt }, { role: 'assistant', content: description }, { role: 'user', content: 'Now a tagline, as JSON.' }],
    { schema: { type: 'object', properties: { tagline: { type: 'string' } }, required: ['tagline'] } },
  );
  return { description, tagline: JSON.parse(answer).tagline, prompt };
}
`;

/** Asks for one more turn, then ends the conversation (next_turn: script). */
const nextTurnScript = `
export function nextTurn(conversation) {
  return conversation.length < 3 ? 'One more time, shorter.' : undefined;
}
`;

/** Each job: its task file (after the model keys), other files, and the requests it should make. */
const jobs = {
  generation: {
    task: `task_type: generation
prompt_template: "Write a short story about {{seed}}, on {topic}."
multi_turn: true
max_turns: 3
next_turn:
  template: "Turn {{turn}}: improve it."
`,
    requests: seedCount * 3,
  },
  'generation ended by its completion rule': {
    task: 'task_type: generation\nprompt_template: "{{seed}}"\nmulti_turn: true\nmax_turns: 3\ncompletion:\n  regex: "^mock answer"\n',
    requests: seedCount,
  },
  'generation with next_turn: script': {
    task: 'task_type: generation\nprompt_template: "{{seed}}"\nmulti_turn: true\nmax_turns: 5\nnext_turn: script\nworker_script: turns.mjs\n',
    requests: seedCount * 2,
  },
  translation: { task: 'task_type: translation\nprompt_template: "Translate into French: {{seed}}"\noutput_format: csv\n', requests: seedCount },
  summarization: {
    task: 'task_type: summarization\nsystem: You summarize.\nprompt_template: "Summarize: {{seed}}"\noutput_format: json\n',
    requests: seedCount,
  },
  classification: {
    task: `task_type: classification
prompt_template: "Sentiment of: {{seed}}"
batch_size: 2
response_schema:
  type: object
  properties:
    sentiment: { type: string, enum: [positive, negative, neutral] }
  required: [sentiment]
`,
    requests: seedCount / 2,
  },
  extraction: {
    task: `task_type: extraction
prompt_template: "Extract the names and the place from: {{seed}}"
batch_size: ${seedCount}
response_schema:
  type: object
  properties:
    names: { type: array, items: { type: string } }
    place: { type: [string, "null"] }
  required: [names, place]
`,
    requests: 1,
  },
  custom: { task: 'task_type: custom\nprompt_template: "Describe {{seed}} for {topic}."\nworker_script: worker.mjs\n', requests: seedCount * 2 },
} as const;
type Job = keyof typeof jobs;

interface RunJson {
  output: string;
  completed: number;
  failed: number;
  usage: { calls: number };
}

let simulator: Simulator;
const outcomes = new Map<string, { result: CliOutcome; cwd: string }>();

function keyOf(name: string): string {
  return `sk-sim-${name}-0123456789`;
}

/** What the simulator saw from one job (each job runs with its own key): requests by model, and requests refused. */
function trafficOf(name: string): { models: Record<string, number>; received: number; accepted: number } {
  const entries = simulator.stats().perKeyModel.filter((entry) => entry.apiKey === keyOf(name));
  return {
    models: Object.fromEntries(entries.map((entry) => [entry.model, entry.received])),
    received: entries.reduce((sum, entry) => sum + entry.received, 0),
    accepted: entries.reduce((sum, entry) => sum + entry.accepted, 0),
  };
}

async function run(name: string, task: string, env: Record<string, string>): Promise<void> {
  const cwd = taskWorkspace({ 'task.yaml': task, 'seeds.jsonl': numberedSeeds(seedCount), 'worker.mjs': customWorker, 'turns.mjs': nextTurnScript });
  outcomes.set(name, { cwd, result: await runSwarm(['run', 'task.yaml', '--json', '--quiet'], { cwd, env }) });
}

beforeAll(async () => {
  simulator = await startSimulator();
  const openai = (name: string) => ({ OPENAI_API_KEY: keyOf(name), OPENAI_BASE_URL: `${simulator.url}/v1` });
  await Promise.all([
    ...Object.entries(jobs).map(([name, job]) => run(name, `worker_model: openai:gpt-4o-mini\nseeds_file: seeds.jsonl\n${job.task}`, openai(name))),
    // DeepSwarm's own style: bare model names beside the whole chat-completions endpoint, its key in a variable of its own.
    run(
      'deepswarm',
      `task_type: generation
prompt_template: "{{seed}}"
orchestrator_model: deepseek-v4-pro
worker_model: deepseek-v4-flash
worker_api_base: ${simulator.url}/v1/chat/completions
worker_api_key_env: DEEPSEEK_API_KEY
multi_turn: true
max_turns: 2
next_turn:
  user_simulator:
    model: deepseek-v4-pro
    instruction: You are a curious student.
seeds_file: seeds.jsonl
`,
      { DEEPSEEK_API_KEY: keyOf('deepswarm') },
    ),
  ]);
}, 90_000);
afterAll(async () => {
  await simulator?.close();
  removeTaskWorkspaces();
});

/** The job's run result, after checking it finished every seed, and its output records, one per seed. */
function finished(name: string): { result: RunJson; records: Record<string, unknown>[] } {
  const { result: outcome, cwd } = outcomes.get(name)!;
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  const result = jsonResult<RunJson>(outcome);
  expect(result).toMatchObject({ completed: seedCount, failed: 0 });
  expect(path.dirname(result.output)).toBe(path.join(cwd, 'output'));
  const records = readRecords(result.output);
  expect(records.map((record) => record.id)).toEqual(['s01', 's02', 's03', 's04']);
  return { result, records };
}

function expectConversation(record: Record<string, unknown>, turns: number, completed = false): { role: string; content: string }[] {
  const conversation = record.conversation as { role: string; content: string }[];
  expect(conversation.map((message) => message.role)).toEqual(Array.from({ length: turns * 2 }, (_, index) => (index % 2 === 0 ? 'user' : 'assistant')));
  expect(record).toMatchObject({ turns, completed, output: conversation.at(-1)!.content });
  return conversation;
}

describe('each task type against the simulator, through the real OpenAI provider', () => {
  it.each(Object.keys(jobs) as Job[])('%s: every seed done, with as many requests as the job needs', (name) => {
    const { result } = finished(name);
    expect(trafficOf(name)).toEqual({ models: { 'gpt-4o-mini': jobs[name].requests }, received: jobs[name].requests, accepted: jobs[name].requests });
    expect(result.usage.calls).toBe(jobs[name].requests);
  });

  it('generation: three turns per seed, the template writing each next user turn', () => {
    for (const record of finished('generation').records) {
      const conversation = expectConversation(record, 3);
      expect(conversation[0]!.content).toBe(`Write a short story about ${String(record.seed)}, on ${String(record.topic)}.`);
      expect([conversation[2]!.content, conversation[4]!.content]).toEqual(['Turn 2: improve it.', 'Turn 3: improve it.']);
      // Each turn sends the conversation so far, so no two answers are alike.
      expect(new Set([conversation[1]!.content, conversation[3]!.content, conversation[5]!.content]).size).toBe(3);
    }
  });

  it('a completion rule met on the first reply ends the conversation there', () => {
    for (const record of finished('generation ended by its completion rule').records) expectConversation(record, 1, true);
  });

  it("next_turn: script writes the user's turns, and undefined ends the conversation", () => {
    for (const record of finished('generation with next_turn: script').records) {
      expect(expectConversation(record, 2, true)[2]!.content).toBe('One more time, shorter.');
    }
  });

  it.each(['translation', 'summarization'] as const)('%s: the answer text in output', (name) => {
    for (const record of finished(name).records) expect(record.output).toMatch(/^mock answer for /);
  });

  it("classification and extraction: the schema's columns, rows sent several to a call", () => {
    for (const record of finished('classification').records) expect(['positive', 'negative', 'neutral']).toContain(record.sentiment);
    for (const record of finished('extraction').records) {
      expect(record.names).toEqual(expect.any(Array));
      expect(record).toHaveProperty('place');
    }
  });

  it("custom: the worker script's columns kept whole in output", () => {
    for (const record of finished('custom').records) {
      expect(record.output).toEqual({ description: expect.stringMatching(/^mock answer for /), tagline: expect.any(String), prompt: expect.any(String) });
    }
  });

  it("custom: the worker script's prompt is the row's prompt_template with {{seed}} and {column} filled in", () => {
    for (const record of finished('custom').records) {
      expect((record.output as { prompt: string }).prompt).toBe(`Describe ${String(record.seed)} for ${String(record.topic)}.`);
    }
  });

  it('DeepSwarm style: bare model names at worker_api_base, keyed by worker_api_key_env; the orchestrator model plays the user', () => {
    for (const record of finished('deepswarm').records) expectConversation(record, 2);
    // Two worker turns per seed; one simulated user turn between them.
    expect(trafficOf('deepswarm')).toEqual({
      models: { 'deepseek-v4-flash': seedCount * 2, 'deepseek-v4-pro': seedCount },
      received: seedCount * 3,
      accepted: seedCount * 3,
    });
  });
});
