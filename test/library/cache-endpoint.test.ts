import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSwarm } from '../../src/index.ts';
import { startCountingServer } from '../support/counting-openai-server.ts';

const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
const tasks = [{ id: 'a', text: 'one' }, { id: 'b', text: 'two' }];
const pass = { instruction: 'Label {text}', responseSchema: schema, model: 'openai:gpt-4o-mini', batchSize: 1 } as const;

describe('the response cache and the endpoint', () => {
  it('does not answer a request to one endpoint with an answer cached from another', async () => {
    const [first, second] = [await startCountingServer({ latencyMs: 0 }), await startCountingServer({ latencyMs: 0 })];
    const root = mkdtempSync(path.join(tmpdir(), 'swarm-cache-endpoint-'));
    onTestFinished(async () => {
      await Promise.all([first.close(), second.close()]);
      rmSync(root, { recursive: true, force: true });
    });
    const open = (baseUrl: string) =>
      openSwarm({ dir: path.join(root, 'store'), cwd: root, config: {}, env: { OPENAI_API_KEY: 'sk-test-cache-endpoint-0000', OPENAI_BASE_URL: baseUrl } });

    const onFirst = open(first.url);
    expect(await onFirst.run((await onFirst.create({ tasks })).id, pass)).toMatchObject({ completed: 2 });
    // The same requests to the same endpoint: answered from the cache.
    expect((await onFirst.run((await onFirst.create({ tasks })).id, pass)).usage).toMatchObject({ calls: 0, cached: 2 });
    onFirst.close();
    expect(first.received()).toBe(2);

    const onSecond = open(second.url);
    const result = await onSecond.run((await onSecond.create({ tasks })).id, pass);
    onSecond.close();
    expect(result).toMatchObject({ completed: 2, usage: { calls: 2, cached: 0 } });
    expect(second.received()).toBe(2);
  });
});
