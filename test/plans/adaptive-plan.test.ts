// Adaptive planning inside a running plan: after a task completes, the orchestrator model may add
// tasks, bounded and checked, recorded with the run so a resumed run and a replay have them.
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { Plan, SwarmEvent } from '../../src/index.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';

/** An orchestrator that proposes `proposals[task]` after task `task` finishes, and nothing after any other. */
function orchestrator(proposals: Record<string, { name: string; description: string }[]>): { model: LanguageModelV4; asked: string[] } {
  const asked: string[] = [];
  const answer = (text: string): LanguageModelV4GenerateResult => ({
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
    warnings: [],
  });
  const model = new MockLanguageModelV4({
    doGenerate: async (options: LanguageModelV4CallOptions) => {
      const prompt = JSON.stringify(options.prompt);
      const finished = /Finished task ([\w.-]+):/.exec(prompt)![1]!;
      asked.push(finished);
      return answer(JSON.stringify({ tasks: (proposals[finished] ?? []).map((task) => ({ ...task, kind: 'model' })) }));
    },
  });
  return { model, asked };
}

const plan: Plan = {
  goal: 'Check a claim',
  tasks: [
    { id: 'search', description: 'search', run: () => 'BROADCAST: it is 10x faster' },
    { id: 'report', description: 'Report on {tasks.search}', dependsOn: ['search'], run: ({ description }) => description },
  ],
};

describe('adaptive planning in a running plan', () => {
  it('adds a follow-up after a task; the tasks waiting on that task wait for it too and get its result; all of it recorded', async () => {
    const temp = tempSwarm();
    const { model, asked } = orchestrator({ search: [{ name: 'Verify', description: 'Check the 10x claim.' }] });
    const events: SwarmEvent[] = [];
    temp.swarm.subscribe((event) => 'planId' in event && events.push(event));
    const result = await temp.swarm.runPlan(plan, { model: 'mock', adapt: { model } });
    expect(Object.keys(result.tasks)).toEqual(['search', 'report', 'search-verify']);
    expect(result).toMatchObject({ completed: 3, failed: 0, skipped: 0 });
    // The follow-up ran on the plan's model with the finished task's result; report waited for it.
    expect(result.tasks.report!.result).toContain(`Result of search-verify:\n${String(result.tasks['search-verify']!.result)}`);
    expect(asked.sort()).toEqual(['report', 'search', 'search-verify']);
    const created = events.filter((event) => event.type === 'task-created' && event.addedAfter !== undefined);
    expect(created).toEqual([{ type: 'task-created', planId: result.id, taskId: 'search-verify', kind: 'model', dependsOn: ['search'], addedAfter: 'search' }]);
    expect(events.filter((event) => event.type === 'plan-adapt').map((event) => event.type === 'plan-adapt' && [event.after, event.added])).toContainEqual(['search', ['search-verify']]);
    const shown = await temp.swarm.planRun(result.id);
    expect(shown.tasks.map((task) => [task.id, task.addedAfter])).toEqual([['search', undefined], ['report', undefined], ['search-verify', 'search']]);
    expect(shown.tasks.find((task) => task.id === 'report')!.dependsOn).toEqual(['search', 'search-verify']);
    // The orchestrator's calls are attempts of the run, on a pass of its table: swarm spend counts them.
    const ledger = temp.query<{ instruction: string; calls: number }>(
      `SELECT p.instruction, count(a.id) AS calls FROM passes p JOIN attempts a ON a.pass_id = p.id WHERE p.table_id = ? AND p.instruction LIKE 'adaptive planning%' GROUP BY p.id`,
      result.id,
    );
    expect(ledger).toEqual([{ instruction: `adaptive planning of plan run ${result.id}`, calls: 3 }]);
  });

  it('stays within maxAddedTasks over the run, and refuses a proposal past maxAdded without adding anything', async () => {
    const temp = tempSwarm();
    const many = orchestrator({ search: [1, 2, 3].map((n) => ({ name: `t${n}`, description: `follow-up ${n}` })) });
    const refused = await temp.swarm.runPlan(plan, { model: 'mock', adapt: { model: many.model, maxAdded: 2 } });
    expect(Object.keys(refused.tasks)).toEqual(['search', 'report']);
    const problems = temp.query<{ data: string }>(`SELECT data FROM events WHERE plan_run_id = ? AND type = 'plan-adapt'`, refused.id).map((row) => JSON.parse(row.data));
    expect(problems).toContainEqual({ after: 'search', added: [], problems: ['the proposal does not match its schema: /tasks must NOT have more than 2 items'] });

    const other = tempSwarm();
    const chain = orchestrator({ search: [{ name: 'a', description: 'a' }], 'search-a': [{ name: 'b', description: 'b' }] });
    const bounded = await other.swarm.runPlan(plan, { model: 'mock', adapt: { model: chain.model, maxAddedTasks: 1 } });
    expect(Object.keys(bounded.tasks)).toEqual(['search', 'report', 'search-a']);
    // With no room left, no call is made after the added task.
    expect(chain.asked).not.toContain('search-a');
  });

  it('a run stopped after a task was added resumes with it (no new proposal), and a replay has it with no call', async () => {
    const temp = tempSwarm();
    const { model, asked } = orchestrator({ search: [{ name: 'Verify', description: 'Check the 10x claim.' }] });
    const controller = new AbortController();
    const stop = temp.swarm.subscribe((event) => event.type === 'task-created' && event.addedAfter !== undefined && controller.abort());
    const stopped = await temp.swarm.runPlan(plan, { model: 'mock', adapt: { model }, abortSignal: controller.signal });
    stop();
    expect(stopped.tasks).toMatchObject({ search: { status: 'completed' }, report: { status: 'pending' }, 'search-verify': { status: 'pending' } });

    const resumed = await temp.swarm.runPlan(plan, { model: 'mock', adapt: false });
    expect(resumed.id).toBe(stopped.id);
    expect(resumed).toMatchObject({ completed: 3, failed: 0 });
    expect(resumed.tasks.report!.result).toContain('Result of search-verify:');
    expect(asked).toEqual(['search']);

    const replayed = await temp.swarm.replayPlan(resumed.id);
    expect(replayed.tasks).toEqual(resumed.tasks);
  });

  it('refuses to start without an orchestrator model, before any task runs', async () => {
    const temp = tempSwarm();
    let ran = false;
    const error = await temp.swarm.runPlan({ tasks: [{ id: 'a', description: 'a', run: () => (ran = true) }] }, { adapt: true }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^adaptive planning needs an orchestrator model \(adapt.model, else the plan's model\): no model chosen/);
    expect(ran).toBe(false);
    expect(temp.query('SELECT id FROM plan_runs')).toEqual([]);
  });
});
