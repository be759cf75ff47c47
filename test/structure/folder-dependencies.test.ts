import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { folderCycles, folderImports, simulatorEngineImports } from '../../scripts/check-folder-dependencies.ts';
import { repositoryRoot } from '../support/run-cli.ts';

function sourceTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-folders-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('folder dependencies', () => {
  it('point one way in src, and the simulator reaches no engine code', () => {
    const imports = folderImports(path.join(repositoryRoot, 'src'));
    expect(folderCycles(imports)).toEqual([]);
    expect(simulatorEngineImports(imports)).toEqual([]);
  });

  it('are checked: a cycle through three folders, and a simulator import of the engine, are found', () => {
    const root = sourceTree({
      'a/one.ts': "import { two } from '../b/two.ts';\nexport const one = two;\n",
      'b/two.ts': "import type { Three } from '../c/three.ts';\nexport const two = 2;\n",
      'c/three.ts': "export { one } from '../a/one.ts';\nexport type Three = 3;\n",
      'simulator/serve.ts': "import { one } from '../a/one.ts';\nimport { answer } from '../mock-answer/answer.ts';\n",
      'mock-answer/answer.ts': "import { leaf } from '../a/leaf.ts';\nexport const answer = leaf;\n",
      'a/leaf.ts': 'export const leaf = 1;\n',
    });
    const imports = folderImports(root);
    expect(folderCycles(imports)).toEqual([['a', 'b', 'c']]);
    expect(simulatorEngineImports(imports).map(({ file, specifier }) => `${file} → ${specifier}`)).toEqual(['simulator/serve.ts → ../a/one.ts']);
  });
});
