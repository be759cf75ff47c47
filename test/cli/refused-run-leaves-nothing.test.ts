import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runCli } from '../support/run-cli.ts';

const schema = '{"type":"object","properties":{"sentiment":{"type":"string"}},"required":["sentiment"]}';
const good = ['--instruction', 'Classify {text}', '--schema', schema, '--model', 'mock'];

/** Each one is refused before any call, after the table for --tasks could have been made. */
const refusals: Array<[string, string[]]> = [
  ['a placeholder no row provides', ['--instruction', 'Classify {nosuch}', '--schema', schema, '--model', 'mock']],
  ['a schema that is not an object', ['--instruction', 'Classify {text}', '--schema', '{"type":"string"}', '--model', 'mock']],
  ['an unknown provider', ['--instruction', 'Classify {text}', '--schema', schema, '--model', 'foo:bar']],
  ['a missing API key', ['--instruction', 'Classify {text}', '--schema', schema, '--model', 'openai:gpt-4o-mini']],
  ['a filter on an unknown column', [...good, '--filter', '{"column":"nosuch","exists":true}']],
  ['a schema property that would overwrite a source column', ['--instruction', 'Classify {text}', '--schema', '{"type":"object","properties":{"text":{"type":"string"}}}', '--model', 'mock']],
];

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-refused-'));
  cpSync(path.join(repositoryRoot, 'examples'), path.join(cwd, 'examples'), { recursive: true });
  return cwd;
}

function tablesIn(cwd: string): string[] {
  const file = path.join(cwd, '.swarm', 'swarm.db');
  if (!existsSync(file)) return [];
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    return (database.prepare('SELECT id FROM tables').all() as { id: string }[]).map((row) => row.id);
  } finally {
    database.close();
  }
}

const env = { OPENAI_API_KEY: '' };

describe('a one-shot run refused for bad input leaves no table behind', () => {
  it.each(refusals)('%s (with and without --dry-run)', async (_, flags) => {
    const cwd = workspace();
    for (const dryRun of [[], ['--dry-run']]) {
      const refused = await runCli(['run', '--tasks', 'examples/reviews.jsonl', ...flags, ...dryRun], { cwd, env });
      expect(refused.code).toBe(2);
      expect(tablesIn(cwd)).toEqual([]);
    }
  });

  it('keeps a table an earlier run made when a later run over the same data is refused', async () => {
    const cwd = workspace();
    expect((await runCli(['run', '--tasks', 'examples/reviews.jsonl', ...good, '--quiet'], { cwd, env })).code).toBe(0);
    const [table] = tablesIn(cwd);
    expect((await runCli(['run', '--tasks', 'examples/reviews.jsonl', ...refusals[0]![1]], { cwd, env })).code).toBe(2);
    expect(tablesIn(cwd)).toEqual([table]);
  });

  it('a task file whose prompt names a column the seeds lack', async () => {
    const cwd = workspace();
    const task = path.join(cwd, 'examples/tasks/classification.yaml');
    writeFileSync(task, readFileSync(task, 'utf8').replace('({stars} stars given)', '({nosuch} stars given)'));
    const refused = await runCli(['run', 'examples/tasks/classification.yaml'], { cwd, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('{nosuch}');
    expect(tablesIn(cwd)).toEqual([]);
  });
});
