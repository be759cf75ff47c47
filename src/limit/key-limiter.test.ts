import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyLimiter, type KeyLimiter, type Reservation } from './key-limiter.ts';

const small = { inputTokens: 10, outputTokens: 10 };

/** Acquires a slot and records the order grants happen in. */
function acquireInto(limiter: KeyLimiter, granted: string[], name: string, signal = new AbortController().signal, estimate = small) {
  return limiter.acquire(estimate, signal).then((reservation) => {
    granted.push(name);
    return reservation;
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createKeyLimiter', () => {
  it('grants slots first in, first out, as calls settle', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 1, adaptive: false });
    const granted: string[] = [];
    const first = acquireInto(limiter, granted, 'a');
    const second = acquireInto(limiter, granted, 'b');
    const third = acquireInto(limiter, granted, 'c');
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['a']);
    expect(limiter.snapshot()).toMatchObject({ inFlight: 1, waiting: 2 });
    (await first).settle({ latencyMs: 5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['a', 'b']);
    (await second).settle({ latencyMs: 5 });
    (await second).settle({ latencyMs: 5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['a', 'b', 'c']);
    // Settling twice released one slot, not two.
    expect(limiter.snapshot()).toMatchObject({ inFlight: 1, waiting: 0 });
    (await third).settle({});
  });

  it('lets the passes sharing a key take turns, rather than the later one waiting for the first to end', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 1, adaptive: false });
    const granted: string[] = [];
    const signal = new AbortController().signal;
    const reservations = [
      ...['a1', 'a2', 'a3'].map((name) => limiter.acquire(small, signal, 'pass-a').then((reservation) => (granted.push(name), reservation))),
      ...['b1', 'b2', 'b3'].map((name) => limiter.acquire(small, signal, 'pass-b').then((reservation) => (granted.push(name), reservation))),
    ];
    for (let call = 0; call < 6; call++) {
      await vi.advanceTimersByTimeAsync(0);
      const index = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].indexOf(granted.at(-1)!);
      (await reservations[index]!).settle({ latencyMs: 5 });
    }
    expect(granted).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  });

  it('does not let a small call overtake a large one waiting for tokens', async () => {
    const limiter = createKeyLimiter({ limits: { tokensPerMinute: 600 }, maxConcurrency: 10, adaptive: false });
    const granted: string[] = [];
    await acquireInto(limiter, granted, 'drain', undefined, { inputTokens: 550, outputTokens: 0 });
    void acquireInto(limiter, granted, 'large', undefined, { inputTokens: 100, outputTokens: 0 });
    void acquireInto(limiter, granted, 'small', undefined, { inputTokens: 1, outputTokens: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['drain']);
    // 50 left; 100 needed: 50 more tokens at 10 per second.
    await vi.advanceTimersByTimeAsync(4_900);
    expect(granted).toEqual(['drain']);
    await vi.advanceTimersByTimeAsync(200);
    expect(granted).toEqual(['drain', 'large', 'small']);
  });

  it('holds every call until a parked deadline, then lets them go', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 4, adaptive: false });
    const granted: string[] = [];
    limiter.park(Date.now() + 1_500);
    void acquireInto(limiter, granted, 'a');
    void acquireInto(limiter, granted, 'b');
    await vi.advanceTimersByTimeAsync(1_499);
    expect(granted).toEqual([]);
    expect(limiter.snapshot().parkedUntil).toBe(1_000_000 + 1_500);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(['a', 'b']);
  });

  it('resumes at the deadline after a burst the provider refused, not after paying for the refusals', async () => {
    // Limits unknown: 12 calls go out at once against a provider allowing 5 a minute.
    const limiter = createKeyLimiter({ maxConcurrency: 12, initialConcurrency: 12, adaptive: false });
    const granted: string[] = [];
    const burst = await Promise.all(Array.from({ length: 12 }, (_, index) => acquireInto(limiter, granted, `burst-${index}`)));
    const sentAt = Date.now();
    // Five are answered, the first saying 4 of 5 requests are left; seven are refused with a
    // retry-after of 12 s (one request refills every 12 s).
    for (const reservation of burst.slice(0, 5)) reservation.settle({ latencyMs: 100 });
    limiter.learn({ limits: { requestsPerMinute: 5 }, remaining: { requestsPerMinute: 4 }, source: 'header', sentAt });
    for (const reservation of burst.slice(5)) {
      reservation.settle({ actual: { inputTokens: 0, outputTokens: 0 }, refused: true });
      limiter.learn({ limits: { requestsPerMinute: 5 }, remaining: { requestsPerMinute: 0 }, source: 'header', sentAt });
      limiter.park(sentAt + 12_000);
    }
    void acquireInto(limiter, granted, 'next');
    void acquireInto(limiter, granted, 'after');
    await vi.advanceTimersByTimeAsync(11_999);
    expect(granted).not.toContain('next');
    await vi.advanceTimersByTimeAsync(1);
    // One call at the deadline, not a burst of the seven refused ones; the next a refill later.
    expect(granted.slice(12)).toEqual(['next']);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(granted.slice(12)).toEqual(['next', 'after']);
  });

  it('holds a freed slot for a park that follows what the same 429 taught it', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 1, adaptive: false });
    const granted: string[] = [];
    const first = await acquireInto(limiter, granted, 'first');
    void acquireInto(limiter, granted, 'second');
    // An injected 429 under the limits: the call ends, its headers say requests are left, then the
    // key parks; all in one turn.
    first.settle({ actual: { inputTokens: 0, outputTokens: 0 }, refused: true });
    limiter.learn({ limits: { requestsPerMinute: 600 }, remaining: { requestsPerMinute: 590 }, source: 'header', sentAt: Date.now() });
    limiter.park(Date.now() + 1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(['first', 'second']);
  });

  it('keeps the later of two parks, and reports each new deadline', async () => {
    const parks: number[] = [];
    const limiter = createKeyLimiter({ onPark: (until) => parks.push(until) });
    limiter.park(Date.now() + 2_000);
    limiter.park(Date.now() + 500);
    limiter.park(Date.now() + 3_000);
    expect(parks).toEqual([1_002_000, 1_003_000]);
    expect(limiter.snapshot().parkedUntil).toBe(1_003_000);
  });

  it('starts parked when given a deadline still in the future (a restart)', async () => {
    const granted: string[] = [];
    const limiter = createKeyLimiter({ parkedUntil: Date.now() + 800 });
    void acquireInto(limiter, granted, 'a');
    await vi.advanceTimersByTimeAsync(799);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(['a']);
    expect(createKeyLimiter({ parkedUntil: Date.now() - 1 }).snapshot().parkedUntil).toBeUndefined();
  });

  it('applies a park made right after a settle to the slot that settle freed', async () => {
    // The caller settles a 429'd call, then parks the key: the freed slot must not go out first.
    const limiter = createKeyLimiter({ maxConcurrency: 1, adaptive: false });
    const granted: string[] = [];
    const first = await acquireInto(limiter, granted, 'a');
    void acquireInto(limiter, granted, 'b');
    first.settle({ actual: { inputTokens: 0, outputTokens: 0 }, overloaded: true });
    limiter.park(Date.now() + 1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(['a', 'b']);
  });

  it('learns limits from headers, and clamps its buckets to what the provider says is left', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 100, adaptive: false });
    const granted: string[] = [];
    limiter.learn({ limits: { requestsPerMinute: 60 }, remaining: { requestsPerMinute: 0 }, source: 'header' });
    expect(limiter.snapshot()).toMatchObject({ limits: { requestsPerMinute: 60 }, source: 'header' });
    void acquireInto(limiter, granted, 'a');
    void acquireInto(limiter, granted, 'b');
    // Empty, refilling one request per second.
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toEqual(['a', 'b']);
  });

  it('applies what a response taught it before the slot that response freed is reused', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 1, adaptive: false });
    const granted: string[] = [];
    const first = await acquireInto(limiter, granted, 'a');
    void acquireInto(limiter, granted, 'b');
    first.settle({ latencyMs: 5 });
    limiter.learn({ limits: { requestsPerMinute: 60 }, remaining: { requestsPerMinute: 0 }, source: 'header' });
    await vi.advanceTimersByTimeAsync(500);
    expect(granted).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(500);
    expect(granted).toEqual(['a', 'b']);
  });

  it('charges a limit learned mid-run with the calls already in flight', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 100, adaptive: false });
    const signal = new AbortController().signal;
    const held: Reservation[] = [];
    for (let index = 0; index < 5; index++) held.push(await limiter.acquire(small, signal));
    // The first answer says 59 of 60 are left: the four calls still in flight were not counted yet.
    held[0]!.settle({ latencyMs: 5 });
    limiter.learn({ limits: { requestsPerMinute: 60 }, remaining: { requestsPerMinute: 59 }, source: 'header' });
    const granted: string[] = [];
    for (let index = 0; index < 56; index++) void acquireInto(limiter, granted, `call ${index}`);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(55);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toHaveLength(56);
  });

  it('prefers header limits to configured ones, and configured ones to learned ones', () => {
    const limiter = createKeyLimiter({ limits: { requestsPerMinute: 100 } });
    expect(limiter.snapshot().source).toBe('configured');
    limiter.learn({ limits: { requestsPerMinute: 500 }, source: 'learned' });
    expect(limiter.snapshot().source).toBe('configured');
    limiter.learn({ limits: { requestsPerMinute: 600, tokensPerMinute: 30_000 }, source: 'header' });
    expect(limiter.snapshot()).toMatchObject({ source: 'header', limits: { requestsPerMinute: 600, tokensPerMinute: 30_000 } });
    limiter.learn({ limits: { requestsPerMinute: 50 }, source: 'configured' });
    expect(limiter.snapshot().source).toBe('header');
  });

  it('gives back the unused part of a token estimate when the call settles', async () => {
    const limiter = createKeyLimiter({ limits: { tokensPerMinute: 1_000 }, maxConcurrency: 10, adaptive: false });
    const granted: string[] = [];
    const reservation = await acquireInto(limiter, granted, 'a', undefined, { inputTokens: 400, outputTokens: 500 });
    reservation.settle({ actual: { inputTokens: 400, outputTokens: 50 }, latencyMs: 5 });
    // 1000 - 450 = 550 left: a 500-token call fits at once.
    void acquireInto(limiter, granted, 'b', undefined, { inputTokens: 250, outputTokens: 250 });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['a', 'b']);
  });

  it('rejects a waiting call with the abort reason and lets the next one through', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 1, adaptive: false });
    const granted: string[] = [];
    const first = await acquireInto(limiter, granted, 'a');
    const controller = new AbortController();
    const aborted = acquireInto(limiter, granted, 'b', controller.signal);
    const third = acquireInto(limiter, granted, 'c');
    expect(limiter.snapshot().waiting).toBe(2);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect(limiter.snapshot().waiting).toBe(1);
    first.settle({});
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['a', 'c']);
    (await third).settle({});
    await expect(limiter.acquire(small, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects a call aborted while the key is parked, and keeps the park', async () => {
    const limiter = createKeyLimiter();
    limiter.park(Date.now() + 10_000);
    const controller = new AbortController();
    const waiting = limiter.acquire(small, controller.signal);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error('user stop'));
    await expect(waiting).rejects.toThrow('user stop');
    expect(limiter.snapshot()).toMatchObject({ waiting: 0, inFlight: 0, parkedUntil: 1_010_000 });
  });

  it('halves its adaptive concurrency on an overloaded settle', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 64, initialConcurrency: 16 });
    const reservations: Reservation[] = [];
    for (let index = 0; index < 16; index++) reservations.push(await limiter.acquire(small, new AbortController().signal));
    expect(limiter.snapshot().concurrency).toBe(16);
    reservations[0]!.settle({ overloaded: true });
    expect(limiter.snapshot().concurrency).toBe(8);
    for (const reservation of reservations) reservation.settle({ latencyMs: 5 });
  });
});
