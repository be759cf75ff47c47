import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { killCliWhen } from '../support/kill-cli-when.ts';
import { runCli } from '../support/run-cli.ts';
import { jsonResult, numberedSeeds, queryStore, readRecords, removeTaskWorkspaces, taskWorkspace } from './support/task-workspace.ts';

const seedCount = 40;
const turns = 3;
const workers = 4;

// No completion rule, so every conversation runs exactly max_turns turns.
const task = `task_type: generation
prompt_template: "Write about {{seed}}."
worker_model: openai:gpt-4o-mini
seeds_file: seeds.jsonl
multi_turn: true
max_turns: ${turns}
next_turn:
  template: "Turn {{turn}} of {id}: go on."
workers: ${workers}
`;

let simulator: Simulator | undefined;
afterAll(async () => {
  await simulator?.close();
  removeTaskWorkspaces();
});

describe('kill -9 in the middle of a multi-turn job, then the same command again', () => {
  it('completes every conversation exactly once, with whole lines in the output and only in-flight calls repeated', async () => {
    simulator = await startSimulator({ latency: { firstTokenMs: 30 } });
    const cwd = taskWorkspace({ 'task.yaml': task, 'seeds.jsonl': numberedSeeds(seedCount) });
    const env = { OPENAI_API_KEY: 'sk-sim-kill-0123456789', OPENAI_BASE_URL: `${simulator.url}/v1` };
    const received = () => simulator!.stats().total.received;

    const killAt = Math.floor((seedCount * turns) / 3);
    await killCliWhen(['run', 'task.yaml', '--quiet'], { cwd, env, ready: () => received() >= killAt, pollMs: 1 });
    const beforeResume = queryStore<{ n: number }>(cwd, `SELECT count(*) AS n FROM results WHERE status = 'done'`)[0]?.n ?? 0;
    expect(beforeResume).toBeLessThan(seedCount);

    const resumed = await runCli(['run', 'task.yaml', '--json', '--quiet'], { cwd, env });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const result = jsonResult<{ completed: number; skipped: number; failed: number; output: string }>(resumed);
    expect(result.failed).toBe(0);
    expect(result.skipped).toBe(beforeResume);
    expect(result.completed + result.skipped).toBe(seedCount);

    // The store: one pass, one done result per seed, each a whole conversation of three turns in order.
    expect(queryStore(cwd, 'SELECT id FROM passes')).toHaveLength(1);
    const results = queryStore<{ row_id: string; status: string; output: string }>(cwd, 'SELECT row_id, status, output FROM results ORDER BY row_id');
    const seedIds = Array.from({ length: seedCount }, (_, index) => `s${String(index + 1).padStart(2, '0')}`);
    expect(results.map((row) => row.row_id)).toEqual(seedIds);
    const conversations = new Map<string, unknown>();
    for (const row of results) {
      expect(row.status).toBe('done');
      const output = JSON.parse(row.output) as { turns: number; completed: boolean; conversation: { role: string; content: string }[] };
      expect(output.turns).toBe(turns);
      expect(output.conversation.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
      const number = Number(row.row_id.slice(1));
      expect(output.conversation.filter((message) => message.role === 'user').map((message) => message.content)).toEqual([
        `Write about seed text ${number}.`,
        `Turn 2 of ${row.row_id}: go on.`,
        `Turn 3 of ${row.row_id}: go on.`,
      ]);
      conversations.set(row.row_id, output.conversation);
    }

    // The output file: a whole line per seed, each matching the store.
    expect(result.output).toBe(path.join(cwd, 'output', 'task.jsonl'));
    const lines = readRecords(result.output);
    expect(lines).toHaveLength(seedCount);
    expect(new Set(lines.map((line) => line.id)).size).toBe(seedCount);
    for (const line of lines) expect(line.conversation).toEqual(conversations.get(String(line.id)));

    // Every turn was asked for once, plus at most the calls in flight at the kill (each could have been any turn).
    expect(received()).toBeGreaterThanOrEqual(seedCount * turns);
    expect(received()).toBeLessThanOrEqual(seedCount * turns + workers * turns);
    expect(simulator.stats().total.maxInFlight).toBeLessThanOrEqual(workers);
  });
});
