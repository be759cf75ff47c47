import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/index.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { countingModel } from './support/counting-model.ts';

const plan: Plan = {
  tasks: [
    // The fixer agent writes a file through its tool: a replay must give back the tool's result, not write it again.
    { id: 'write', description: 'Write the notes.\nCALL write_file {"path":"notes.txt","content":"bees are busy"}', agent: 'fixer' },
    { id: 'log', description: 'log it', command: 'echo "$SWARM_TASK_ID" >> log.txt; cat', dependsOn: ['write'] },
    { id: 'judge', description: 'Judge {tasks.log}', schema: { type: 'object', properties: { score: { type: 'integer', minimum: 0, maximum: 100 } }, required: ['score'] }, dependsOn: ['log'] },
    { id: 'after', description: 'after', command: 'echo "$SWARM_TASK_ID" >> log.txt; cat', dependsOn: ['judge'] },
  ],
};

describe('replaying a plan run', () => {
  it('re-runs every task from what was recorded: no provider call, no tool or command run again, the agent loop replayed step by step', async () => {
    const temp = tempSwarm();
    const counted = countingModel();
    const original = await temp.swarm.runPlan(plan, { model: counted.model });
    expect(original.completed).toBe(4);
    const callsBefore = counted.calls();
    expect(callsBefore).toBeGreaterThanOrEqual(3);
    rmSync(path.join(temp.cwd, 'notes.txt'));

    const replay = await temp.swarm.replayPlan(original.id);
    expect(counted.calls()).toBe(callsBefore);
    expect(replay.id).not.toBe(original.id);
    expect(replay.tasks).toEqual(original.tasks);
    expect(existsSync(path.join(temp.cwd, 'notes.txt'))).toBe(false);
    expect(readFileSync(path.join(temp.cwd, 'log.txt'), 'utf8')).toBe('log\nafter\n');

    // The replayed agent's transcript holds the same steps, the tool call among them.
    const [originalLoop] = (await temp.swarm.transcript(original.tableId, 'write')).loops;
    const [replayedLoop] = (await temp.swarm.transcript(replay.tableId, 'write')).loops;
    expect(replayedLoop!.steps.map((step) => [step.kind, step.step, step.kind === 'tool' ? step.toolName : ''])).toEqual(
      originalLoop!.steps.map((step) => [step.kind, step.step, step.kind === 'tool' ? step.toolName : '']),
    );
    expect(replayedLoop!.steps.some((step) => step.kind === 'tool' && step.toolName === 'write_file')).toBe(true);
    expect((await temp.swarm.planRun(replay.id)).origin).toEqual({ kind: 'replay', of: original.id, model: 'counting:counted' });
  });

  it('forks from a task with another model: upstream tasks replayed, that task and what follows it run again for real', async () => {
    const temp = tempSwarm();
    const counted = countingModel();
    const original = await temp.swarm.runPlan(plan, { model: counted.model });
    const callsBefore = counted.calls();
    const other = countingModel({ seed: 11 }, { modelId: 'other' });

    const fork = await temp.swarm.replayPlan(original.id, { from: 'judge', model: other.model });
    expect(counted.calls()).toBe(callsBefore);
    expect(other.calls()).toBe(1);
    expect(fork.tasks.write).toEqual(original.tasks.write);
    expect(fork.tasks.log).toEqual(original.tasks.log);
    expect(fork.tasks.judge!.status).toBe('completed');
    expect(fork.tasks.judge!.result).not.toEqual(original.tasks.judge!.result);
    // Downstream of the fork point, commands run again; upstream of it, they do not.
    expect(readFileSync(path.join(temp.cwd, 'log.txt'), 'utf8')).toBe('log\nafter\nafter\n');
    expect(fork.tasks.after!.result).toBe(JSON.stringify({ judge: fork.tasks.judge!.result }));

    // The same fork again is the same run: it resumes, with nothing left to do.
    const again = await temp.swarm.replayPlan(original.id, { from: 'judge', model: other.model });
    expect(again.id).toBe(fork.id);
    expect(other.calls()).toBe(1);
  });

  it('replays a failure as it was, and its dependents are skipped again', async () => {
    const temp = tempSwarm();
    const original = await temp.swarm.runPlan({ tasks: [{ id: 'a', description: 'a', command: 'exit 4' }, { id: 'b', description: 'b', command: 'echo b', dependsOn: ['a'] }] });
    const replay = await temp.swarm.replayPlan(original.id);
    expect(replay.tasks).toEqual({ a: { status: 'failed', error: 'exit code 4' }, b: { status: 'skipped', error: 'upstream task a failed' } });
  });
});
