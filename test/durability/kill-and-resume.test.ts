import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../support/counting-openai-server.ts';
import { killCliWhen } from '../support/kill-cli-when.ts';
import { runCli } from '../support/run-cli.ts';

const rowCount = 300;
const concurrency = 8;
const schema = JSON.stringify({ type: 'object', properties: { label: { type: 'string' } }, required: ['label'] });

describe('kill -9 in the middle of a pass, then the same command again', () => {
  let server: CountingServer | undefined;
  afterEach(async () => server?.close());

  it('leaves every row with exactly one result and repeats only calls that were in flight', async () => {
    server = await startCountingServer({ latencyMs: 15 });
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-kill-'));
    writeFileSync(
      path.join(cwd, 'rows.jsonl'),
      Array.from({ length: rowCount }, (_, index) => JSON.stringify({ id: `row-${index}`, text: `text ${index}` })).join('\n'),
    );
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), `providers:\n  local:\n    baseURL: ${server.url}\n`);
    const args = ['run', '--tasks', 'rows.jsonl', '--instruction', 'Label {text}', '--schema', schema, '--model', 'local:counting-model', '--batch-size', '1', '--concurrency', String(concurrency), '--quiet'];

    const killAt = Math.floor(rowCount / 3);
    await killCliWhen(args, { cwd, ready: () => server!.received() >= killAt, pollMs: 1 });
    const receivedBeforeKill = server.received();
    expect(receivedBeforeKill).toBeLessThan(rowCount);

    const database = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'));
    const committed = (database.prepare(`SELECT count(*) AS n FROM results WHERE status = 'done'`).get() as { n: number }).n;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(rowCount);
    database.close();

    const resumed = await runCli([...args, '--json'], { cwd });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout) as { completed: number; skipped: number; failed: number };
    expect(result.failed).toBe(0);
    expect(result.completed + result.skipped).toBe(rowCount);
    expect(result.skipped).toBeGreaterThanOrEqual(committed);

    const store = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'));
    const results = store.prepare(`SELECT row_id, status, output FROM results ORDER BY row_id`).all() as { row_id: string; status: string; output: string }[];
    expect(results).toHaveLength(rowCount);
    for (const row of results) {
      expect(row.status).toBe('done');
      expect(JSON.parse(row.output)).toEqual({ label: `label-${row.row_id}` });
    }
    const labels = store.prepare(`SELECT id, json_extract(data, '$.label') AS label FROM rows`).all() as { id: string; label: string }[];
    expect(labels.every((row) => row.label === `label-${row.id}`)).toBe(true);
    store.close();

    // Every row was asked at least once; rows asked twice were in flight (sent, not yet committed) at the kill.
    expect(server.requestsByRow.size).toBe(rowCount);
    const repeated = [...server.requestsByRow.values()].reduce((sum, count) => sum + count - 1, 0);
    expect(repeated).toBeLessThanOrEqual(concurrency);
  });
});
