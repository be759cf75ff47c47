import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { scheduleTasks, type ScheduledTask, type ScheduleOptions, type TaskOutcome } from './schedule-tasks.ts';

const task = (id: string, dependsOn: string[] = [], extra: Partial<ScheduledTask> = {}): ScheduledTask => ({ id, kind: 'function', dependsOn, onUpstreamFailure: 'skip', ...extra });
const unlimited = { model: Infinity, agent: Infinity, command: Infinity, function: Infinity };

/** Runs `tasks`, each taking `durations[id]` ms (default 0) and failing when its id is in `failing`; records starts, ends and upstreams. */
async function schedule(tasks: ScheduledTask[], { durations = {}, failing = [], ...options }: Partial<ScheduleOptions> & { durations?: Record<string, number>; failing?: string[] } = {}) {
  const log: string[] = [];
  const upstreams = new Map<string, Record<string, unknown>>();
  const skipped = new Map<string, string>();
  let inFlight = 0;
  let maxInFlight = 0;
  const states = await scheduleTasks({
    tasks,
    completed: new Map(),
    maxWorkers: Infinity,
    kindCaps: unlimited,
    waves: false,
    start: async (started, upstream): Promise<TaskOutcome> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`start ${started.id}`);
      upstreams.set(started.id, upstream);
      await sleep(durations[started.id] ?? 0);
      inFlight--;
      log.push(`end ${started.id}`);
      return failing.includes(started.id) ? { status: 'failed', error: `${started.id} broke` } : { status: 'completed', result: `${started.id}!` };
    },
    skip: (skippedTask, reason) => skipped.set(skippedTask.id, reason),
    ...options,
  });
  return { states, log, upstreams, skipped, maxInFlight };
}

describe('scheduleTasks', () => {
  it('starts a task the moment its own inputs are done, not when a slow sibling ends', async () => {
    const { log, upstreams, states } = await schedule([task('a'), task('fast', ['a']), task('slow', ['a']), task('after-fast', ['fast']), task('join', ['after-fast', 'slow'])], {
      durations: { slow: 80 },
    });
    expect(log.indexOf('start after-fast')).toBeLessThan(log.indexOf('end slow'));
    expect(log.indexOf('start join')).toBeGreaterThan(log.indexOf('end slow'));
    expect(upstreams.get('join')).toEqual({ 'after-fast': 'after-fast!', slow: 'slow!' });
    expect([...states.values()].every((state) => state.status === 'completed')).toBe(true);
  });

  it('with waves, holds a ready task until every task of the running wave has ended', async () => {
    const { log } = await schedule([task('a'), task('fast', ['a']), task('slow', ['a']), task('after-fast', ['fast'])], { durations: { slow: 60 }, waves: true });
    expect(log.indexOf('start after-fast')).toBeGreaterThan(log.indexOf('end slow'));
  });

  it('skips the dependents of a failed task transitively, runs the rest, and ends', async () => {
    const { states, skipped, log } = await schedule([task('a'), task('b', ['a']), task('c', ['b']), task('d')], { failing: ['a'] });
    expect(states.get('a')).toEqual({ status: 'failed', error: 'a broke' });
    expect(states.get('b')).toMatchObject({ status: 'skipped' });
    expect(states.get('c')).toMatchObject({ status: 'skipped' });
    expect(states.get('d')).toMatchObject({ status: 'completed' });
    expect(skipped.get('b')).toBe('upstream task a failed');
    expect(skipped.get('c')).toBe('upstream task b was skipped');
    expect(log).not.toContain('start b');
  });

  it("hands a failure to a dependent with onUpstreamFailure 'run' as a marker", async () => {
    const { states, upstreams } = await schedule([task('a'), task('b'), task('report', ['a', 'b'], { onUpstreamFailure: 'run' })], { failing: ['a'] });
    expect(states.get('report')?.status).toBe('completed');
    expect(upstreams.get('report')).toEqual({ a: { failed: true, error: 'a broke' }, b: 'b!' });
  });

  it('runs a task only when its condition holds', async () => {
    const { states, skipped } = await schedule([
      task('a'),
      task('yes', ['a'], { if: { task: 'a', equals: 'a!' } }),
      task('no', ['a'], { if: { task: 'a', in: ['x', 'y'] } }),
      task('after-no', ['no']),
    ]);
    expect(states.get('yes')?.status).toBe('completed');
    expect(states.get('no')?.status).toBe('skipped');
    expect(skipped.get('no')).toBe('its condition does not hold: the result of a is one of ["x","y"]');
    expect(states.get('after-no')?.status).toBe('skipped');
  });

  it('keeps tasks in flight within maxWorkers and the kind caps', async () => {
    const wide = Array.from({ length: 12 }, (_, index) => task(`t${index}`));
    const durations = Object.fromEntries(wide.map((each) => [each.id, 5]));
    expect((await schedule(wide, { durations, maxWorkers: 3 })).maxInFlight).toBe(3);
    expect((await schedule(wide, { durations, kindCaps: { ...unlimited, function: 2 } })).maxInFlight).toBe(2);
  });

  it('does not run tasks an earlier run completed, and hands their results on', async () => {
    const { log, upstreams } = await schedule([task('a'), task('b', ['a'])], { completed: new Map([['a', 'from before']]) });
    expect(log).toEqual(['start b', 'end b']);
    expect(upstreams.get('b')).toEqual({ a: 'from before' });
  });

  it('after an abort starts nothing more and leaves the rest pending', async () => {
    const controller = new AbortController();
    const pending = schedule([task('a'), task('b', ['a'])], { durations: { a: 30 }, abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const { states, log } = await pending;
    expect(log).toEqual(['start a', 'end a']);
    expect(states.get('b')?.status).toBe('pending');
  });

  it('fails a task whose runner throws, and still ends', async () => {
    const states = await scheduleTasks({
      tasks: [task('a'), task('b', ['a'])],
      completed: new Map(),
      maxWorkers: 1,
      kindCaps: unlimited,
      waves: false,
      start: async () => {
        throw new Error('bug');
      },
      skip: () => undefined,
    });
    expect(states.get('a')).toEqual({ status: 'failed', error: 'bug' });
    expect(states.get('b')?.status).toBe('skipped');
  });

  it('grows as tasks complete: added tasks run after their upstream, and a changed task waits for them too', async () => {
    const asked: { id: string; notStarted: readonly string[] }[] = [];
    const { log, upstreams, states } = await schedule([task('a'), task('b', ['a']), task('other')], {
      grow: async (completed, _result, notStarted) => {
        asked.push({ id: completed.id, notStarted: [...notStarted].sort() });
        if (completed.id !== 'a') return undefined;
        return { added: [task('a-more', ['a'])], changed: [task('b', ['a', 'a-more'])] };
      },
    });
    expect([...states.keys()].sort()).toEqual(['a', 'a-more', 'b', 'other']);
    for (const state of states.values()) expect(state.status).toBe('completed');
    // b waited for the added task and got its result; the added task got a's.
    expect(log.indexOf('start b')).toBeGreaterThan(log.indexOf('end a-more'));
    expect(upstreams.get('b')).toEqual({ a: 'a!', 'a-more': 'a-more!' });
    expect(upstreams.get('a-more')).toEqual({ a: 'a!' });
    // Asked after each completed task (the added one too), b among the tasks not started until a's growth.
    expect(asked.find((entry) => entry.id === 'a')!.notStarted).toContain('b');
    expect(asked.map((entry) => entry.id).sort()).toEqual(['a', 'a-more', 'b', 'other']);
  });
});
