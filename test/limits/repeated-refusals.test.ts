import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSwarm } from '../../src/index.ts';
import { runCli } from '../support/run-cli.ts';

// What OpenAI answers a response_format schema its strict mode rejects (trimmed).
const refusal = JSON.stringify({
  error: {
    message: "Invalid schema for response_format 'answer': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    type: 'invalid_request_error',
    param: 'response_format',
    code: 'invalid_json_schema',
  },
});
const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
const rows = 300;

/** A loopback OpenAI endpoint that answers every call with the same 400; counts the calls. */
async function refusingServer(): Promise<{ url: string; received: () => number }> {
  let received = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(refusal);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, received: () => received };
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarm-refusals-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const tasks = Array.from({ length: rows }, (_, index) => ({ id: `r${index + 1}`, text: `review ${index + 1}` }));

describe('a provider refusing every call the same way', () => {
  it('stops the pass after a few refusals with that error, leaving the rest pending', async () => {
    const server = await refusingServer();
    const dir = tempDir();
    const swarm = openSwarm({ dir: path.join(dir, 'store'), cwd: dir, config: {}, env: { OPENAI_API_KEY: 'sk-test-refusals-0000', OPENAI_BASE_URL: server.url } });
    onTestFinished(() => swarm.close());
    const table = await swarm.create({ tasks });
    const concurrency = 4;
    const result = await swarm.run(table.id, { instruction: 'Label {text}', responseSchema: schema, model: 'openai:gpt-4o-mini', concurrency });

    expect(result.stopped).toMatchObject({ reason: 'provider', errorClass: 'bad-request' });
    expect(result.stopped!.message).toMatch(/^bad-request: 400: Invalid schema for response_format/);
    expect(result.stopped!.message).toContain('the last 5 calls were all refused this way');
    // Five refusals, and at most the calls already in flight when the fifth came back.
    expect(server.received()).toBeLessThanOrEqual(5 + concurrency);
    expect(result.completed).toBe(0);
    expect(result.pending).toBeGreaterThan(rows - 5 - concurrency);
  });

  it('ends `swarm run` with exit code 4 and the error, as an account error does', async () => {
    const server = await refusingServer();
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'rows.jsonl'), tasks.map((task) => JSON.stringify(task)).join('\n'));
    const run = await runCli(['run', '--tasks', 'rows.jsonl', '-i', 'Label {text}', '-s', JSON.stringify(schema), '-m', 'openai:gpt-4o-mini', '--batch-size', '1'], {
      cwd,
      env: { OPENAI_API_KEY: 'sk-test-refusals-0000', OPENAI_BASE_URL: server.url },
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Invalid schema for response_format');
    expect(server.received()).toBeLessThan(50);
  });
});
