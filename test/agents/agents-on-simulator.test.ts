// The seed's reviewer and fixer examples through the real AI SDK providers (OpenAI Chat
// Completions and Responses, Anthropic, Google) against the provider simulator, which answers
// tool calls in each one's dialect: every row's loop calls read_file, gets the file, and answers
// the schema; the fixer's edit lands on disk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSwarm } from '../../src/index.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { storedAttempts, tempSwarm } from '../library/support/temp-swarm.ts';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ seed: 5 });
});
afterAll(() => simulator.close());

const models = ['openai:gpt-4o-mini', 'openai-responses:gpt-4o-mini', 'anthropic:claude-haiku-4-5', 'google:gemini-2.5-flash'];
const files = {
  'src/auth.ts': 'export function login(user: string) {\n  return db.query(`SELECT * FROM users WHERE name = ${user}`);\n}\n',
  'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
};

function simulatorSwarm() {
  return tempSwarm({
    env: {
      OPENAI_API_KEY: 'sk-sim-agents-0123456789',
      OPENAI_BASE_URL: simulator.baseUrls.openai,
      ANTHROPIC_API_KEY: 'sk-ant-sim-agents-0123456789',
      ANTHROPIC_BASE_URL: simulator.baseUrls.anthropic,
      GOOGLE_GENERATIVE_AI_API_KEY: 'sim-google-agents-0123456789',
      GOOGLE_GENERATIVE_AI_BASE_URL: simulator.baseUrls.google,
    },
  });
}

describe.each(models)('agents through %s on the simulator', (model) => {
  it('reviewer: each row reads its file with a tool and answers the schema', async () => {
    const temp = simulatorSwarm();
    for (const [file, content] of Object.entries(files)) temp.write(file, content);
    const table = await temp.swarm.create({ glob: 'src/*.ts' });
    const result = await temp.swarm.run(table.id, {
      subagentType: 'reviewer',
      instruction: 'Review {file} for security issues.',
      responseSchema: { type: 'object', properties: { review: { type: 'string' } }, required: ['review'] },
      model,
    });
    expect(result).toMatchObject({ completed: 2, failed: 0 });
    for (const row of await temp.swarm.rows(table.id)) {
      expect(typeof row.review).toBe('string');
      const { loops } = await temp.swarm.transcript(table.id, String(row.id));
      const reads = loops[0]!.steps.filter((step) => step.kind === 'tool' && step.toolName === 'read_file');
      expect(reads.length).toBeGreaterThan(0);
      expect(JSON.stringify(reads[0]!.data)).toContain(files[row.file as keyof typeof files].split('\n')[0]!.slice(0, 20));
    }
    expect(storedAttempts(temp).every((attempt) => attempt.status === 'ok' && attempt.inputTokens > 0)).toBe(true);
  });

  it('fixer: the edit the model asks for lands in the file', async () => {
    const temp = simulatorSwarm();
    temp.write('src/util.ts', files['src/util.ts']);
    // Scripted: the row tells the model which edit to make (as a model reading the file would decide).
    const edit = 'CALL edit_file {"path":"src/util.ts","old_string":"export const add","new_string":"/** Adds two numbers. */\\nexport const add"}';
    const table = await temp.swarm.create({ tasks: [{ id: 'util', path: 'src/util.ts', steps: edit }] });
    const result = await temp.swarm.run(table.id, {
      subagentType: 'fixer',
      instruction: 'Add JSDoc to the exported functions in {path}. {steps}',
      responseSchema: { type: 'object', properties: { fixed: { type: 'boolean' } }, required: ['fixed'] },
      model,
    });
    expect(result).toMatchObject({ completed: 1, failed: 0 });
    expect(readFileSync(path.join(temp.cwd, 'src/util.ts'), 'utf8')).toBe(`/** Adds two numbers. */\n${files['src/util.ts']}`);
  });
});

describe('web_search, the provider’s own search tool', () => {
  it.each(['openai-responses:gpt-4o-mini', 'anthropic:claude-haiku-4-5', 'google:gemini-2.5-flash'])('goes to %s with the request, and the loop answers', async (model) => {
    const temp = simulatorSwarm();
    const table = await temp.swarm.create({ tasks: [{ id: 'q1', question: 'Who maintains the AI SDK?' }] });
    const searcher = { agents: { searcher: { tools: ['web_search'] } } };
    const swarm = openSwarm({ dir: temp.swarm.dir, cwd: temp.cwd, env: temp.swarm.context.env, config: searcher });
    try {
      const result = await swarm.run(table.id, { subagentType: 'searcher', instruction: 'Answer {question}', responseSchema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] }, model });
      expect(result).toMatchObject({ completed: 1, failed: 0 });
    } finally {
      swarm.close();
    }
  });

  it('is refused before any call for a model without one (OpenAI Chat Completions, the mock)', async () => {
    const temp = simulatorSwarm();
    const table = await temp.swarm.create({ tasks: [{ id: 'q1', question: 'x' }] });
    const swarm = openSwarm({ dir: temp.swarm.dir, cwd: temp.cwd, env: temp.swarm.context.env, config: { agents: { searcher: { tools: ['web_search'] } } } });
    try {
      for (const model of ['openai:gpt-4o-mini', 'mock']) {
        await expect(swarm.run(table.id, { subagentType: 'searcher', instruction: 'Answer {question}', responseSchema: { type: 'object', properties: { answer: { type: 'string' } } }, model })).rejects.toThrow(
          /agent type searcher uses web_search, which is the model provider's own search tool; .* has none: use an openai-responses:, anthropic: or google: model/,
        );
      }
      expect(temp.query('SELECT * FROM passes')).toHaveLength(0);
    } finally {
      swarm.close();
    }
  });
});
