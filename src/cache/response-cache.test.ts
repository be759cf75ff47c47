import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../store/open-store.ts';
import { responseCache } from './response-cache.ts';

describe('response cache', () => {
  it('still finds an answer after flushing it, when the cache started empty', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'swarm-cache-'));
    const store = openStore(dir);
    onTestFinished(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const cache = responseCache(store);
    const response = { text: '{"a":1}', usage: { inputTokens: 3, outputTokens: 4 } };
    cache.put('k', response);
    expect(cache.get('k')).toEqual(response);
    cache.flush();
    expect(cache.get('k')).toEqual(response);
  });
});
