import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../support/run-cli.ts';

describe('docs/distributed.md', () => {
  it('shows the examples as they are in examples/distributed/ (type-checked there)', () => {
    const doc = readFileSync(path.join(repositoryRoot, 'docs/distributed.md'), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n(\/\/ (examples\/distributed\/[\w-]+\.ts)[\s\S]*?)```/g)];
    expect(blocks.map((block) => block[2])).toEqual(['examples/distributed/coordinator.ts', 'examples/distributed/worker.ts']);
    for (const [, code, file] of blocks) expect(code, file).toBe(readFileSync(path.join(repositoryRoot, file!), 'utf8'));
  });
});
