import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSwarm } from 'swarm';
import { describe, expect, it } from 'vitest';
import type { FailAllMode, ProviderName } from '../../src/simulator/index.ts';
import { apiKeys, instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const rows = 20;
const concurrency = 4;

// The class Swarm names for each account failure. OpenAI answers "no credit" and "quota used up"
// with the same 429 insufficient_quota, and Gemini's "model needs billing" is a per-day quota of
// 0, so both read as quota.
const cases: Array<{ provider: ProviderName; mode: FailAllMode; errorClass: string }> = [
  { provider: 'openai', mode: 'auth', errorClass: 'auth' },
  { provider: 'openai', mode: 'billing', errorClass: 'quota' },
  { provider: 'openai', mode: 'quota', errorClass: 'quota' },
  { provider: 'anthropic', mode: 'auth', errorClass: 'auth' },
  { provider: 'anthropic', mode: 'billing', errorClass: 'billing' },
  { provider: 'anthropic', mode: 'quota', errorClass: 'quota' },
  { provider: 'google', mode: 'auth', errorClass: 'auth' },
  { provider: 'google', mode: 'billing', errorClass: 'quota' },
  { provider: 'google', mode: 'quota', errorClass: 'quota' },
];

describe.each(cases)('$provider failing every call with $mode', ({ provider, mode, errorClass }) => {
  it(`stops the pass at once with a ${errorClass} error, retries nothing, and never shows the key`, async () => {
    const { swarm, dir, events, requestLog, query } = await simulatedSwarm({ faults: { failAll: mode } });
    const table = await swarm.create({ tasks: numberedRows(rows) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 1, concurrency });

    expect(result).toMatchObject({ completed: 0, failed: 0, pending: rows, stopped: { reason: 'provider' } });
    expect(result.stopped!.message).toMatch(new RegExp(`^${errorClass}: `));
    // It names the model and the variable its key came from.
    const keyEnv = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', google: 'GOOGLE_GENERATIVE_AI_API_KEY' }[provider];
    expect(result.stopped!.message).toContain(`(${modelSpecs[provider]}${errorClass === 'auth' ? '; check ' : ', key from '}${keyEnv})`);
    // Only the calls already in flight when the first answer came back went out (some were cut
    // off before the provider read them), each for a different row: none was retried.
    const sent = events.flatMap((event) => (event.type === 'dispatch-start' ? event.rowIds : []));
    expect(sent.length).toBeLessThanOrEqual(concurrency);
    expect(new Set(sent).size).toBe(sent.length);
    // Every call sent is counted, the ones cut off by the stop too.
    expect(result.usage.calls).toBe(sent.length);
    expect(requestLog(provider).length).toBeGreaterThanOrEqual(1);
    expect(requestLog(provider).length).toBeLessThanOrEqual(sent.length);
    expect(events.filter((event) => event.type === 'retry-wait' || event.type === 'rate-limit')).toEqual([]);
    // The rows stay pending: nothing recorded them as failed.
    expect(query('SELECT count(*) AS n FROM results WHERE pass_id = ?', result.passId)).toEqual([{ n: 0 }]);
    expect(query('SELECT status FROM passes WHERE id = ?', result.passId)).toEqual([{ status: 'stopped' }]);

    const key = apiKeys[provider];
    expect(result.stopped!.message).not.toContain(key);
    expect(JSON.stringify(events)).not.toContain(key);
    swarm.close();
    const stored = Buffer.concat(readdirSync(dir).map((file) => readFileSync(path.join(dir, file))));
    // The store holds the stop message (so the search reaches the data), but never the key.
    expect(stored.includes(result.stopped!.message)).toBe(true);
    expect(stored.includes(key)).toBe(false);
  });
});

describe('a configured provider whose key variable has any name', () => {
  it('keeps the key out of the stop message, the events and the store when the server echoes it', async () => {
    const key = 'plainsecretvalue42';
    // Like many OpenAI-compatible servers: the 401 quotes the key it was given.
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const given = (request.headers.authorization ?? '').replace(/^Bearer /, '');
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${given}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = mkdtempSync(path.join(tmpdir(), 'swarm-echoed-key-'));
    const swarm = openSwarm({
      dir,
      env: { LOCAL_LLM_CRED: key },
      config: { providers: { local: { baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKeyEnv: 'LOCAL_LLM_CRED' } } },
    });
    const events: unknown[] = [];
    swarm.subscribe((event) => events.push(event));
    try {
      const table = await swarm.create({ tasks: numberedRows(3) });
      const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: 'local:any-model', batchSize: 1, concurrency: 1 });

      expect(result.stopped).toMatchObject({ reason: 'provider', message: expect.stringMatching(/^auth: .*Incorrect API key provided: \[redacted\]/) });
      expect(JSON.stringify(events)).not.toContain(key);
    } finally {
      swarm.close();
      server.close();
    }
    const stored = Buffer.concat(readdirSync(dir).map((file) => readFileSync(path.join(dir, file))));
    expect(stored.includes('Incorrect API key provided')).toBe(true);
    expect(stored.includes(key)).toBe(false);
  });
});
