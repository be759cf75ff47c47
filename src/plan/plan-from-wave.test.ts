import { describe, expect, it } from 'vitest';
import { planFromWave } from './plan-from-wave.ts';

// The seed's example of `ol hero hunt` output, priorities swapped to show the order.
const wave = {
  wave: [
    { id: 'ol-527.2', title: 'Fix rate limiting', spec_path: 'quests/ol-527/specs/ol-527.2.md', priority: 2 },
    { id: 'ol-527.1', title: 'Add auth middleware', spec_path: 'quests/ol-527/specs/ol-527.1.md', priority: 1 },
  ],
  blocked: [{ id: 'ol-527.3', title: 'Integration tests', blocked_by: ['ol-527.1', 'ol-527.2', 'ol-527.0'] }],
  completed: [{ id: 'ol-527.0', title: 'Project setup' }],
};

describe('planFromWave', () => {
  it('makes ready tasks in priority order, blocked ones after their blockers, completed ones already done', () => {
    const plan = planFromWave(wave, { agent: 'fixer' }, { name: 'wave-ol-527' });
    expect(plan.name).toBe('wave-ol-527');
    expect(plan.tasks.map((task) => [task.id, task.dependsOn ?? []])).toEqual([
      ['ol-527.1', []],
      ['ol-527.2', []],
      ['ol-527.3', ['ol-527.1', 'ol-527.2']],
    ]);
    expect(plan.tasks[0]).toEqual({
      id: 'ol-527.1',
      description: 'OL bead ol-527.1: Add auth middleware\nSpec: quests/ol-527/specs/ol-527.1.md\nPriority: 1\n\nRead the spec file at quests/ol-527/specs/ol-527.1.md for full requirements.',
      agent: 'fixer',
      values: { title: 'Add auth middleware', spec_path: 'quests/ol-527/specs/ol-527.1.md', priority: 1 },
    });
    expect(plan.tasks[2]!.description).toBe('OL bead ol-527.3: Integration tests');
  });

  it('gives each task the command template, the entry fields being its values', () => {
    const plan = planFromWave(wave, { command: 'do-bead {id} {spec_path}' });
    expect(plan.tasks[0]).toMatchObject({ command: 'do-bead {id} {spec_path}', values: { spec_path: 'quests/ol-527/specs/ol-527.1.md' } });
    expect(plan.tasks[0]!.agent).toBeUndefined();
  });
});
