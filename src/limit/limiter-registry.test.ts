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
    const first = registry.limiterFor('openai:abc|gpt', { limits: { requestsPerMinute: 6_000 }, maxConcurrency: 8, initialConcurrency: 8, adaptive: true });
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

  it('starts a new process from the limits an earlier one learned, and with one call on a key it knows nothing of', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'swarm-registry-'));
    store = openStore(dir);
    const options = { maxConcurrency: 64, initialConcurrency: 32, adaptive: true };
    expect(createLimiterRegistry(store).limiterFor('fresh', options).snapshot().concurrency).toBe(1);
    const first = createLimiterRegistry(store);
    first.limiterFor('k', options).learn({ limits: { requestsPerMinute: 600 }, source: 'header' });
    first.close();
    const again = createLimiterRegistry(store).limiterFor('k', options).snapshot();
    expect(again).toMatchObject({ limits: { requestsPerMinute: 600 }, source: 'learned' });
    expect(again.pacedPerMinute).toBeCloseTo(600 * 0.97);
  });

  it('forgets what a key showed once no process has used it for a week: it is learned anew, from one call', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'swarm-registry-'));
    store = openStore(dir);
    const options = { maxConcurrency: 64, initialConcurrency: 32, adaptive: true };
    const day = 86_400_000;
    store.keys.saveLimits('used-6-days-ago', { limits: { requestsPerMinute: 600 }, largestInFlight: 20, at: Date.now() - 6 * day });
    store.keys.saveLimits('burst-6-days-ago', { limits: {}, largestInFlight: 20, at: Date.now() - 6 * day });
    store.keys.saveLimits('used-8-days-ago', { limits: { requestsPerMinute: 600 }, largestInFlight: 20, at: Date.now() - 8 * day });
    store.keys.saveLimits('burst-8-days-ago', { limits: {}, largestInFlight: 20, at: Date.now() - 8 * day });
    const registry = createLimiterRegistry(store);
    expect(registry.limiterFor('used-6-days-ago', options).snapshot()).toMatchObject({ limits: { requestsPerMinute: 600 }, source: 'learned' });
    expect(registry.limiterFor('burst-6-days-ago', options).snapshot()).toMatchObject({ source: 'none', concurrency: 20 });
    expect(registry.limiterFor('used-8-days-ago', options).snapshot()).toMatchObject({ limits: {}, source: 'none', concurrency: 1 });
    expect(registry.limiterFor('burst-8-days-ago', options).snapshot()).toMatchObject({ source: 'none', concurrency: 1 });
    registry.close();
  });

  it('has two processes using one key at once each pace at half its limits', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'swarm-registry-'));
    store = openStore(dir);
    const other = openStore(dir);
    const here = createLimiterRegistry(store);
    const there = createLimiterRegistry(other);
    const options = { limits: { requestsPerMinute: 120 }, maxConcurrency: 1, initialConcurrency: 1, adaptive: false };
    const signal = new AbortController().signal;
    const hereLimiter = here.limiterFor('k', options);
    const thereLimiter = there.limiterFor('k', options);
    // Each holds a call in flight and more waiting: both use the key.
    const held = [await hereLimiter.acquire({ inputTokens: 1, outputTokens: 1 }, signal), await thereLimiter.acquire({ inputTokens: 1, outputTokens: 1 }, signal)];
    const waiting = [hereLimiter.acquire({ inputTokens: 1, outputTokens: 1 }, signal), thereLimiter.acquire({ inputTokens: 1, outputTokens: 1 }, signal)];
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(hereLimiter.snapshot().pacedPerMinute).toBeCloseTo(60 * 0.97);
    expect(thereLimiter.snapshot().pacedPerMinute).toBeCloseTo(60 * 0.97);
    // One finishes: the other has the whole key again.
    there.close();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(hereLimiter.snapshot().pacedPerMinute).toBeCloseTo(120 * 0.97);
    for (const reservation of held) reservation.settle({ latencyMs: 5 });
    for (const reservation of await Promise.all(waiting)) reservation.settle({ latencyMs: 5 });
    here.close();
    other.close();
  });
});
