import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { createLimiterRegistry } from './limiter-registry.ts';

describe('createLimiterRegistry', () => {
  let store: Store | undefined;
  let dir: string | undefined;
  afterEach(() => {
    store?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one limiter per key: a pass with another cap changes it, learned limits stay', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'swarm-registry-'));
    store = openStore(dir);
    const registry = createLimiterRegistry(store);
    const first = registry.limiterFor('openai:abc|gpt', { maxConcurrency: 8, initialConcurrency: 8, adaptive: true });
    first.learn({ limits: { requestsPerMinute: 600 }, source: 'header' });
    const second = registry.limiterFor('openai:abc|gpt', { maxConcurrency: 3, initialConcurrency: 3, adaptive: true });
    expect(second).toBe(first);
    expect(second.snapshot()).toMatchObject({ concurrency: 3, source: 'header', limits: { requestsPerMinute: 600 } });
    expect(registry.limiterFor('openai:other|gpt', { maxConcurrency: 8, initialConcurrency: 8, adaptive: true })).not.toBe(first);
  });

  it('starts a new process parked until a deadline an earlier one stored', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'swarm-registry-'));
    store = openStore(dir);
    const until = Date.now() + 60_000;
    createLimiterRegistry(store).limiterFor('k', { maxConcurrency: 4, initialConcurrency: 4, adaptive: true }).park(until);
    const again = createLimiterRegistry(store).limiterFor('k', { maxConcurrency: 4, initialConcurrency: 4, adaptive: true });
    expect(again.snapshot().parkedUntil).toBe(until);
  });

  it('holds off within a second when another process sharing the store parks the key', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'swarm-registry-'));
    store = openStore(dir);
    const other = openStore(dir);
    const here = createLimiterRegistry(store);
    const there = createLimiterRegistry(other);
    const options = { maxConcurrency: 4, initialConcurrency: 4, adaptive: true };
    const limiter = here.limiterFor('k', options);
    const until = Date.now() + 60_000;
    there.limiterFor('k', options).park(until);
    expect(limiter.snapshot().parkedUntil).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(limiter.snapshot().parkedUntil).toBe(until);
    here.close();
    there.close();
    other.close();
  });
});
