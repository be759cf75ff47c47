import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/run-cli.ts';

const chatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi' }] };

describe('swarm simulate', () => {
  it('serves the limits and settings its flags give, and says where', async () => {
    const child = spawnCli(['simulate', '--requests-per-minute', '120', '--limit-shape', 'per-second', '--limit-disclosure', 'nothing'], {
      cwd: mkdtempSync(path.join(tmpdir(), 'swarm-simulate-')),
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk) => {
          output += chunk;
          const found = /OPENAI_BASE_URL=(\S+)/.exec(output);
          if (found !== null) resolve(found[1]!);
        });
        child.on('exit', () => reject(new Error(`simulate exited: ${output}`)));
      });
      const post = () =>
        fetch(`${url}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-sim', 'content-type': 'application/json' }, body: JSON.stringify(chatRequest) });
      const first = await post();
      const second = await post();
      // 120 a minute enforced per second: a bucket of two.
      const third = await post();
      expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
      // --limit-disclosure nothing: no limit headers, and a 429 that states neither the limit nor the wait.
      expect([...first.headers.keys()].filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
      expect([...third.headers.keys()].filter((name) => name.startsWith('retry-after'))).toEqual([]);
      expect(await third.text()).not.toMatch(/Limit|Used/);
    } finally {
      child.kill('SIGINT');
    }
  });
});
