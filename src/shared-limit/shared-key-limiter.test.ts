import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { testPrefix, testRedisUrl } from '../../test/support/test-redis.ts';
import type { Reservation } from '../limit/key-limiter.ts';
import { createSharedKeyLimiter } from './shared-key-limiter.ts';
import { sharedLimiterKeys } from './shared-limiter-keys.ts';

const url = await testRedisUrl();
const call = { inputTokens: 100, outputTokens: 10 };

/** Two processes' limiters of one key (each its own connection and holder), configured alike. */
function twoProcesses(options: { limits?: Record<string, number>; maxConcurrency?: number; initialConcurrency?: number } = {}) {
  const prefix = testPrefix(url!);
  const keys = sharedLimiterKeys(prefix, 'openai|key|gpt');
  return ['a', 'b'].map((holder) => {
    const redis = new Redis(url!, { maxRetriesPerRequest: null });
    onTestFinished(() => redis.disconnect());
    const limiter = createSharedKeyLimiter({ redis, keys, holder });
    limiter.configure({ limits: options.limits, maxConcurrency: options.maxConcurrency ?? 64, initialConcurrency: options.initialConcurrency ?? 32, adaptive: true });
    return limiter;
  });
}

describe.skipIf(url === undefined)('a limiter shared through Redis', () => {
  it('paces two processes together under one requests-per-minute limit', async () => {
    const [first, second] = twoProcesses({ limits: { requestsPerMinute: 6000 } });
    const signal = new AbortController().signal;
    const started = performance.now();
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 === 0 ? first! : second!).acquire(call, signal).then((reservation) => {
          grants.push(performance.now() - started);
          reservation.settle({ actual: call, latencyMs: 5 });
        }),
      ),
    );
    // 6,000/min paced at 97 %: one every ~10.3 ms, the first at once; 40 take ~400 ms whoever asks.
    expect(Math.max(...grants)).toBeGreaterThan(350);
    expect(Math.max(...grants)).toBeLessThan(1500);
    const snapshot = first!.snapshot();
    expect(snapshot.limits.requestsPerMinute).toBe(6000);
  });

  it('caps calls in flight over both processes, and a settled call frees a slot for either', async () => {
    const [first, second] = twoProcesses({ limits: { maxInFlight: 3 } });
    const signal = new AbortController().signal;
    const held: Reservation[] = [];
    const waiting = Array.from({ length: 6 }, (_, index) => (index % 2 === 0 ? first! : second!).acquire(call, signal).then((reservation) => held.push(reservation)));
    await sleep(200);
    expect(held).toHaveLength(3);
    held[0]!.settle({ actual: call, latencyMs: 1 });
    await sleep(200);
    expect(held).toHaveLength(4);
    for (const reservation of held.slice(1)) reservation.settle({ actual: call, latencyMs: 1 });
    await Promise.all(waiting);
    for (const reservation of held) reservation.settle({ actual: call, latencyMs: 1 });
  });

  it('holds both processes until a park one of them set', async () => {
    const [first, second] = twoProcesses({ limits: { requestsPerMinute: 60_000 } });
    const signal = new AbortController().signal;
    (await first!.acquire(call, signal)).settle({ refused: true });
    first!.park(Date.now() + 400);
    await sleep(20);
    const started = Date.now();
    (await second!.acquire(call, signal)).settle({ actual: call, latencyMs: 1 });
    expect(Date.now() - started).toBeGreaterThan(300);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(second!.snapshot().parkedUntil).toBeUndefined();
  });

  it('learns limits and what is left from headers: nothing left holds the next call until it refills', async () => {
    const [first, second] = twoProcesses();
    const signal = new AbortController().signal;
    const reservation = await first!.acquire(call, signal);
    reservation.settle({ actual: call, latencyMs: 1 });
    first!.learn({ limits: { requestsPerMinute: 600 }, remaining: { requestsPerMinute: 0 }, source: 'header', sentAt: reservation.sentAt });
    await sleep(20);
    const started = Date.now();
    (await second!.acquire(call, signal)).settle({ actual: call, latencyMs: 1 });
    // 600/min paced at 97 %: ~103 ms for the next request.
    expect(Date.now() - started).toBeGreaterThan(60);
    await sleep(50);
    expect(second!.snapshot()).toMatchObject({ source: 'header', limits: { requestsPerMinute: 600 } });
  });

  it('gives back what a call reserved but did not use, to the other process too', async () => {
    const [first, second] = twoProcesses({ limits: { tokensPerMinute: 60_000 } });
    const signal = new AbortController().signal;
    const big = { inputTokens: 900, outputTokens: 100 };
    // A bucket of one second's tokens (1,000) at most: each call of 1,000 empties it.
    const reservation = await first!.acquire(big, signal);
    reservation.settle({ actual: { inputTokens: 90, outputTokens: 10 }, latencyMs: 1 });
    // The settle goes on the first process's connection: let it arrive before the second asks on its own.
    await sleep(50);
    const started = Date.now();
    (await second!.acquire({ inputTokens: 500, outputTokens: 100 }, signal)).settle({ actual: call, latencyMs: 1 });
    // ~100 tokens owed at 970 a second, and the wait for a full bucket (100 ms); without the refund ~1.1 s.
    expect(Date.now() - started).toBeLessThan(700);
  });

  it('gives back the calls in flight of a process that stopped beating', async () => {
    const [first, second] = twoProcesses({ limits: { maxInFlight: 2 } });
    const signal = new AbortController().signal;
    await first!.acquire(call, signal);
    await first!.acquire(call, signal);
    // `first` dies here: it never settles, never beats again.
    await sleep(150);
    await second!.beat(100);
    const reservation = await second!.acquire(call, AbortSignal.timeout(2000));
    reservation.settle({ actual: call, latencyMs: 1 });
  });

  it('rejects a waiting call whose signal aborts, and its turn passes on', async () => {
    const [first] = twoProcesses({ limits: { maxInFlight: 1 } });
    const held = await first!.acquire(call, new AbortController().signal);
    const stopper = new AbortController();
    const waiting = first!.acquire(call, stopper.signal);
    stopper.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    held.settle({ actual: call, latencyMs: 1 });
    (await first!.acquire(call, AbortSignal.timeout(2000))).settle({ actual: call, latencyMs: 1 });
  });
});
