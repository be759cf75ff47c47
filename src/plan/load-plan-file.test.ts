import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from './load-plan-file.ts';

function planFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'swarm-plan-file-')), name);
  writeFileSync(file, text);
  return file;
}

const problemOf = (file: string): string => {
  try {
    loadPlanFile(file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the plan was accepted');
};

describe('loadPlanFile', () => {
  it('reads a YAML plan', () => {
    const file = planFile('plan.yaml', 'name: demo\ntasks:\n  - id: a\n    description: first\n    command: echo a\n  - id: b\n    description: "Use {tasks.a}"\n    dependsOn: [a]\n');
    expect(loadPlanFile(file)).toEqual({
      name: 'demo',
      tasks: [
        { id: 'a', description: 'first', command: 'echo a' },
        { id: 'b', description: 'Use {tasks.a}', dependsOn: ['a'] },
      ],
    });
  });

  it('names a cycle with the file and the line of the dependency that closes it', () => {
    const file = planFile(
      'plan.yaml',
      ['tasks:', '  - id: x', '    description: x', '    command: "true"', '    dependsOn: [z]', '  - id: y', '    description: y', '    command: "true"', '    dependsOn: [x]', '  - id: z', '    description: z', '    command: "true"', '    dependsOn: [y]', ''].join('\n'),
    );
    expect(problemOf(file)).toBe(`${file}:5: invalid plan: dependency cycle: x → z → y → x`);
  });

  it('places every problem on its line', () => {
    const file = planFile(
      'plan.yaml',
      ['tasks:', '  - id: a', '    description: a', '    command: "true"', '    dependsOn: [b, c]', '  - id: b', '    description: "{tasks.q}"', '    model: mock', ''].join('\n'),
    );
    expect(problemOf(file)).toBe(`${file}: invalid plan: 2 problems:\n  line 5: task a depends on "c", which is not a task of the plan\n  line 7: task b: {tasks.q} names no task of the plan`);
  });

  it('names unknown keys with a suggestion, and broken YAML or JSON by line', () => {
    const typo = planFile('plan.yaml', 'tasks:\n  - id: a\n    description: a\n    command: "true"\n    depends_on: [b]\n');
    expect(problemOf(typo)).toBe(`${typo}:5: invalid plan: unknown key "tasks.0.depends_on" (did you mean "dependsOn"?)`);
    const json = planFile('plan.json', '{\n  "tasks": [\n    {"id": "a", "description": "a",}\n  ]\n}\n');
    expect(problemOf(json)).toMatch(new RegExp(`^${json.replaceAll('.', '\\.')}:3: invalid JSON: `));
    const missing = planFile('plan.json', '{"tasks": []}');
    expect(problemOf(missing)).toBe(`${missing}:1: invalid plan: "tasks": must hold at least one task`);
  });
});
