import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkerScript } from './load-worker-script.ts';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'swarm-worker-script-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function script(name: string, text: string): string {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
}

describe('loadWorkerScript', () => {
  it('loads the default export, or `run`, and nextTurn', async () => {
    const byDefault = script('a.mjs', 'export default async (row) => ({ twice: row.n * 2 });\nexport const nextTurn = () => undefined;\n');
    const loaded = await loadWorkerScript({ workerScript: byDefault, taskType: 'custom' });
    expect(await loaded.run!({ n: 2 }, { call: async () => '', prompt: '', signal: new AbortController().signal })).toEqual({ twice: 4 });
    expect(loaded.nextTurn!([], {})).toBeUndefined();
    const byName = script('b.ts', 'export async function run(row: { n: number }) { return { n: row.n }; }\n');
    expect(typeof (await loadWorkerScript({ workerScript: byName, taskType: 'custom' })).run).toBe('function');
  });

  it('is empty without a worker script', async () => {
    expect(await loadWorkerScript({ taskType: 'generation' })).toEqual({});
  });

  it('says what a custom task needs the script to export', async () => {
    const file = script('c.mjs', 'export const helper = 1;\n');
    await expect(loadWorkerScript({ workerScript: file, taskType: 'custom' })).rejects.toThrow(
      `${file}: worker_script exports no function to run: write \`export default async function (row, { call, prompt }) { ... }\``,
    );
  });

  it('says next_turn: script needs nextTurn', async () => {
    const file = script('d.mjs', 'export default async () => ({});\n');
    await expect(loadWorkerScript({ workerScript: file, taskType: 'generation', nextTurn: { script: true } })).rejects.toThrow(
      'next_turn: script needs worker_script to export `nextTurn(conversation, row)`',
    );
  });

  it('reports a script that fails to load, naming it', async () => {
    const broken = script('e.mjs', 'export default async ( => {};\n');
    await expect(loadWorkerScript({ workerScript: broken, taskType: 'custom' })).rejects.toThrow(`${broken}: worker_script could not be loaded: `);
    const throwing = script('f.mjs', 'throw new Error("needs SOME_TOKEN");\n');
    await expect(loadWorkerScript({ workerScript: throwing, taskType: 'custom' })).rejects.toThrow('worker_script could not be loaded: needs SOME_TOKEN');
  });
});
