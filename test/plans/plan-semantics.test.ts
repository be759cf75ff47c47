import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, type Plan, type SwarmEvent } from '../../src/index.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { countingModel } from './support/counting-model.ts';

/** A command that appends `<task id> <event>` to log.txt (in the working folder) before doing `then`. */
const logged = (then = 'true') => `echo "$SWARM_TASK_ID start" >> log.txt; ${then}`;
const logLines = (cwd: string): string[] => readFileSync(path.join(cwd, 'log.txt'), 'utf8').trim().split('\n');

describe('plans: scheduling', () => {
  it('fans out and in: the fan runs at once, the join gets every result on stdin by task id', async () => {
    const temp = tempSwarm();
    const fan = ['b1', 'b2', 'b3', 'b4'];
    const plan: Plan = {
      tasks: [
        { id: 'a', description: 'start', command: 'echo seed' },
        ...fan.map((id) => ({ id, description: `branch ${id}`, command: `sleep 0.4; echo {tasks.a}-$SWARM_TASK_ID`, dependsOn: ['a'] })),
        { id: 'join', description: 'join', command: 'cat', dependsOn: fan },
      ],
    };
    const started = performance.now();
    const result = await temp.swarm.runPlan(plan, { maxWorkers: 8 });
    const elapsedMs = performance.now() - started;
    expect(result).toMatchObject({ completed: 6, failed: 0, skipped: 0, pending: 0 });
    expect(JSON.parse(result.tasks.join!.result as string)).toEqual({ b1: 'seed-b1', b2: 'seed-b2', b3: 'seed-b3', b4: 'seed-b4' });
    // Four 0.4 s branches one after another would take 1.6 s.
    expect(elapsedMs).toBeLessThan(1400);
  });

  it('skips the dependents of a failed task transitively, runs everything else, and ends', async () => {
    const temp = tempSwarm();
    const result = await temp.swarm.runPlan({
      tasks: [
        { id: 'broken', description: 'fails', command: 'echo oops >&2; exit 3' },
        { id: 'child', description: 'never', command: logged(), dependsOn: ['broken'] },
        { id: 'grandchild', description: 'never', command: logged(), dependsOn: ['child'] },
        { id: 'other', description: 'independent', command: logged('echo fine') },
      ],
    });
    expect(result.tasks).toEqual({
      broken: { status: 'failed', error: 'exit code 3; stderr: oops' },
      child: { status: 'skipped', error: 'upstream task broken failed' },
      grandchild: { status: 'skipped', error: 'upstream task child was skipped' },
      other: { status: 'completed', result: 'fine' },
    });
    expect(result).toMatchObject({ completed: 1, failed: 1, skipped: 2, pending: 0 });
    expect(logLines(temp.cwd)).toEqual(['other start']);
  });

  it("gives a dependent with onUpstreamFailure 'run' the failure as an explicit marker", async () => {
    const temp = tempSwarm();
    const result = await temp.swarm.runPlan({
      tasks: [
        { id: 'broken', description: 'fails', command: 'exit 3' },
        { id: 'fine', description: 'works', command: 'echo ok' },
        { id: 'report', description: 'reports', command: 'cat', dependsOn: ['broken', 'fine'], onUpstreamFailure: 'run' },
        { id: 'cleanup', description: 'runs only after a failure', command: 'echo cleaning', dependsOn: ['broken'], onUpstreamFailure: 'run', if: { task: 'broken', field: 'failed', equals: true } },
      ],
    });
    expect(result.tasks.report).toEqual({ status: 'completed', result: JSON.stringify({ broken: { failed: true, error: 'exit code 3' }, fine: 'ok' }) });
    expect(result.tasks.cleanup).toEqual({ status: 'completed', result: 'cleaning' });
  });

  it('runs a task only when its condition on an upstream result holds', async () => {
    const temp = tempSwarm();
    const result = await temp.swarm.runPlan({
      tasks: [
        { id: 'classify', description: 'classify', command: `echo '{"label":"spam","score":9}'`, schema: { type: 'object', properties: { label: { type: 'string' }, score: { type: 'number' } }, required: ['label'] } },
        { id: 'on-spam', description: 'spam', command: 'echo handled', dependsOn: ['classify'], if: { task: 'classify', field: 'label', equals: 'spam' } },
        { id: 'on-ham', description: 'ham', command: logged(), dependsOn: ['classify'], if: { task: 'classify', field: 'label', in: ['ham', 'unsure'] } },
        { id: 'after-ham', description: 'after ham', command: logged(), dependsOn: ['on-ham'] },
        { id: 'if-score', description: 'high score', command: 'echo high', dependsOn: ['classify'], if: { task: 'classify', field: 'score', notEquals: 0 } },
      ],
    });
    expect(result.tasks['on-spam']).toEqual({ status: 'completed', result: 'handled' });
    expect(result.tasks['on-ham']).toEqual({ status: 'skipped', error: 'its condition does not hold: classify.label is one of ["ham","unsure"]' });
    expect(result.tasks['after-ham']!.status).toBe('skipped');
    expect(result.tasks['if-score']!.status).toBe('completed');
  });

  it('keeps tasks in flight within maxWorkers', async () => {
    const temp = tempSwarm();
    let inFlight = 0;
    let most = 0;
    const tasks = Array.from({ length: 8 }, (_, index) => ({
      id: `t${index}`,
      description: 'wait',
      run: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight--;
        return index;
      },
    }));
    expect((await temp.swarm.runPlan({ tasks }, { maxWorkers: 3 })).completed).toBe(8);
    expect(most).toBe(3);
  });

  it('with waves, starts no task of the next wave before the slowest of this one ends', async () => {
    const temp = tempSwarm();
    const plan: Plan = {
      tasks: [
        { id: 'fast', description: 'fast', command: 'echo fast' },
        { id: 'slow', description: 'slow', command: 'sleep 0.5; echo slow' },
        { id: 'after-fast', description: 'after fast', command: 'echo after', dependsOn: ['fast'] },
      ],
    };
    const events: SwarmEvent[] = [];
    temp.swarm.subscribe((event) => events.push(event));
    await temp.swarm.runPlan(plan, { waves: true, maxWorkers: 4 });
    const order = events.flatMap((event) => (event.type === 'task-start' || event.type === 'task-end' ? [`${event.type} ${event.taskId}`] : []));
    expect(order.indexOf('task-start after-fast')).toBeGreaterThan(order.indexOf('task-end slow'));

    // Without waves it starts as soon as its own input is done.
    const streaming = tempSwarm();
    const seen: string[] = [];
    streaming.swarm.subscribe((event) => (event.type === 'task-start' || event.type === 'task-end') && seen.push(`${event.type} ${event.taskId}`));
    await streaming.swarm.runPlan(plan, { maxWorkers: 4 });
    expect(seen.indexOf('task-start after-fast')).toBeLessThan(seen.indexOf('task-end slow'));
  });
});

describe('plans: deadlines, retries, placeholders, hooks', () => {
  it('fails a task at its deadline (a command, a model call) and still ends the plan', async () => {
    const temp = tempSwarm();
    const started = performance.now();
    const result = await temp.swarm.runPlan({
      tasks: [
        { id: 'slow-command', description: 'hangs', command: 'sleep 30', timeoutMs: 300 },
        { id: 'slow-model', description: 'hangs', model: 'mock:default?latencyMs=30000', timeoutMs: 300 },
        { id: 'after', description: 'never', command: 'echo never', dependsOn: ['slow-command'] },
      ],
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.tasks['slow-command']).toMatchObject({ status: 'failed', error: expect.stringMatching(/timeoutMs \(?300/) });
    expect(result.tasks['slow-model']).toEqual({ status: 'failed', error: 'the task ran longer than its deadline (timeoutMs 300)' });
    expect(result.tasks.after!.status).toBe('skipped');
  });

  it('runs a failed task again up to `retries` more times', async () => {
    const temp = tempSwarm();
    // Fails on its first two runs, then succeeds.
    const flaky = 'echo run >> runs.txt; test "$(wc -l < runs.txt)" -ge 3 && echo finally';
    const result = await temp.swarm.runPlan({ tasks: [{ id: 'flaky', description: 'flaky', command: flaky, retries: 2 }] });
    expect(result.tasks.flaky).toEqual({ status: 'completed', result: 'finally' });
    expect((await temp.swarm.planRun(result.id)).tasks[0]).toMatchObject({ runs: 3 });

    const once = tempSwarm();
    const failed = await once.swarm.runPlan({ tasks: [{ id: 'flaky', description: 'flaky', command: flaky, retries: 1 }] });
    expect(failed.tasks.flaky).toEqual({ status: 'failed', error: 'exit code 1' });
  });

  it('fills {tasks.<id>} and {tasks.<id>.<field>} from upstream results: in prompts as text, in commands as one quoted word each', async () => {
    const temp = tempSwarm();
    const counted = countingModel();
    const hostile = `it's $(touch pwned); rm -rf "x"`;
    const result = await temp.swarm.runPlan(
      {
        tasks: [
          { id: 'facts', description: 'facts', command: `printf '%s' '{"title":"T","tags":["a","b"]}'`, schema: { type: 'object', properties: { title: { type: 'string' }, tags: { type: 'array' } } } },
          { id: 'hostile', description: 'text', run: () => hostile },
          { id: 'write', description: 'Write about {tasks.facts.title} tagged {tasks.facts.tags}; all: {tasks.facts}', dependsOn: ['facts'] },
          { id: 'echo', description: 'echo', command: 'printf "%s|%s" {tasks.hostile} {tasks.facts.title}', dependsOn: ['hostile', 'facts'] },
          { id: 'missing', description: 'Needs {tasks.facts.nope}', dependsOn: ['facts'] },
        ],
      },
      // Without the bus, whose invitation would end the free-text prompt.
      { model: counted.model, bus: false },
    );
    expect(result.tasks.echo).toEqual({ status: 'completed', result: `${hostile}|T` });
    expect(temp.query(`SELECT 1 FROM rows WHERE id = 'pwned'`)).toEqual([]);
    const prompt = temp.query<{ data: string }>(`SELECT data FROM rows WHERE id = 'write'`)[0]!;
    expect(JSON.parse(prompt.data).description).toBe('Write about T tagged ["a","b"]; all: {"title":"T","tags":["a","b"]}');
    expect(result.tasks.write!.status).toBe('completed');
    expect(result.tasks.missing).toEqual({ status: 'failed', error: '{tasks.facts.nope}: the result of task facts has no nope' });
    expect(counted.calls()).toBe(1);
  });

  it('passes each prompt through beforeTask, and runs a task once more with what afterTask says', async () => {
    const temp = tempSwarm();
    const prompts: string[] = [];
    const result = await temp.swarm.runPlan(
      { tasks: [{ id: 'draft', description: 'Write a draft', model: 'mock' }] },
      {
        bus: false,
        beforeTask: (task, prompt) => `${prompt} (remembered: fact 1)`,
        afterTask: (task, answer, { prompt, run }) => {
          prompts.push(prompt);
          return run === 1 ? { retry: 'Critique: shorter, please.' } : undefined;
        },
      },
    );
    expect(result.tasks.draft!.status).toBe('completed');
    expect(prompts).toEqual(['Write a draft (remembered: fact 1)', 'Write a draft (remembered: fact 1)\n\nCritique: shorter, please.']);
    expect((await temp.swarm.planRun(result.id)).tasks[0]).toMatchObject({ runs: 2 });
  });
});

describe('plans: checked before anything runs', () => {
  const refused = async (plan: unknown, pattern: RegExp) => {
    const temp = tempSwarm();
    const error = await temp.swarm.runPlan(plan as Plan).catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(pattern);
    expect(temp.query('SELECT id FROM tables')).toEqual([]);
    expect(temp.query('SELECT id FROM plan_runs')).toEqual([]);
  };

  it('refuses a cycle, naming it', () =>
    refused(
      {
        tasks: [
          { id: 'x', description: 'x', command: 'true', dependsOn: ['z'] },
          { id: 'y', description: 'y', command: 'true', dependsOn: ['x'] },
          { id: 'z', description: 'z', command: 'true', dependsOn: ['y'] },
          { id: 'w', description: 'w', command: 'true' },
        ],
      },
      /dependency cycle: x → z → y → x/,
    ));

  it('refuses unknown dependencies, duplicate ids, two ways of doing a task, and placeholders naming no upstream task', async () => {
    await refused({ tasks: [{ id: 'a', description: 'a', command: 'true', dependsOn: ['b'] }, { id: 'bb', description: 'b', command: 'true' }] }, /depends on "b", which is not a task of the plan \(did you mean "bb"\?\)/);
    await refused({ tasks: [{ id: 'a', description: 'a', command: 'true' }, { id: 'a', description: 'again', command: 'true' }] }, /duplicate task id "a"/);
    await refused({ tasks: [{ id: 'a', description: 'a', command: 'true', agent: 'reviewer' }] }, /task a has agent and command: give one of/);
    await refused(
      { tasks: [{ id: 'a', description: 'a', command: 'true' }, { id: 'b', description: 'b', command: 'true', dependsOn: ['a'] }, { id: 'c', description: 'Use {tasks.a}', model: 'mock', dependsOn: ['b'] }] },
      /\{tasks\.a\} names task a, but it is not in the dependsOn of task c/,
    );
    await refused({ tasks: [{ id: 'a', description: 'Use {tasks.nothing}', model: 'mock' }] }, /\{tasks\.nothing\} names no task of the plan/);
    await refused({ tasks: [{ id: 'a', description: 'a', command: 'echo "{tasks.b}"', dependsOn: ['b'] }, { id: 'b', description: 'b', command: 'true' }] }, /stands inside "…" quotes/);
    await refused({ tasks: [{ id: 'a', description: 'a', command: 'echo {nope}' }] }, /the command uses \{nope\}; a command may use \{id\}, \{description\}/);
  });

  it('refuses unknown agents and models, and lists every problem at once', async () => {
    await refused(
      {
        tasks: [
          { id: 'a', description: 'review', agent: 'reviewr' },
          { id: 'b', description: 'answer', model: 'nosuch:model' },
          { id: 'c', description: 'c', command: 'true', dependsOn: ['d'] },
        ],
      },
      /3 problems:\n {2}task a: agent "reviewr"[\s\S]*\n {2}task b: unknown provider[\s\S]*\n {2}task c depends on "d"/,
    );
    await refused({ tasks: [{ id: 'c', description: 'c', command: 'true', retries: -1, timeout: 5 }] }, /2 problems:\n {2}"tasks\.0\.retries": must be a whole number of retries, 0 or more\n {2}unknown key "tasks\.0\.timeout" \(did you mean "timeoutMs"\?\)/);
  });

  it('names the unknown agent type and model', async () => {
    const temp = tempSwarm();
    const error = (await temp.swarm.runPlan({ tasks: [{ id: 'a', description: 'review', agent: 'reviewr' }, { id: 'b', description: 'answer', model: 'nosuch:model' }] }).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toContain('task a: agent "reviewr" is not a defined subagent type (did you mean "reviewer"?)');
    expect(error.message).toContain('task b: unknown provider "nosuch"');
  });
});

describe('plans: durable', () => {
  it('re-running the same plan resumes it: completed tasks are not run again, failed ones are', async () => {
    const temp = tempSwarm();
    const plan: Plan = {
      tasks: [
        { id: 'a', description: 'a', command: logged('echo a') },
        { id: 'gate', description: 'fails until ok.txt exists', command: logged('test -e ok.txt && echo open'), dependsOn: ['a'] },
        { id: 'b', description: 'b', command: logged('echo b'), dependsOn: ['gate'] },
      ],
    };
    const first = await temp.swarm.runPlan(plan);
    expect(first).toMatchObject({ completed: 1, failed: 1, skipped: 1 });
    temp.write('ok.txt', '');
    const second = await temp.swarm.runPlan(plan);
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ completed: 3, failed: 0, skipped: 0 });
    expect(logLines(temp.cwd)).toEqual(['a start', 'gate start', 'gate start', 'b start']);
    const third = await temp.swarm.runPlan(plan);
    expect(third.completed).toBe(3);
    expect(logLines(temp.cwd)).toHaveLength(4);
    // A changed plan is another run.
    expect((await temp.swarm.runPlan({ tasks: [...plan.tasks, { id: 'c', description: 'c', command: 'true' }] })).id).not.toBe(first.id);
  });

  it('keeps every event of a run with it, in the order it was sent', async () => {
    const temp = tempSwarm();
    const seen: SwarmEvent[] = [];
    temp.swarm.subscribe((event) => 'planId' in event && seen.push(event));
    const result = await temp.swarm.runPlan({
      tasks: [
        { id: 'a', description: 'a', command: 'echo a' },
        { id: 'b', description: 'b', command: 'exit 1', dependsOn: ['a'] },
        { id: 'c', description: 'c', command: 'echo c', dependsOn: ['b'] },
      ],
    });
    const names = seen.map((event) => `${event.type}${'taskId' in event ? ` ${event.taskId}` : ''}${event.type === 'task-end' ? ` ${event.status}` : ''}`);
    expect(names).toEqual([
      'plan-start',
      'task-created a',
      'task-created b',
      'task-created c',
      'task-start a',
      'task-end a completed',
      'task-start b',
      'task-end b failed',
      'task-end c skipped',
      'plan-end',
    ]);
    const stored = temp.query<{ type: string; data: string }>('SELECT type, data FROM events WHERE plan_run_id = ? ORDER BY seq', result.id);
    expect(stored.map((event) => ({ type: event.type, ...JSON.parse(event.data) }))).toEqual(seen.map((event) => Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'planId'))));
  });
});
