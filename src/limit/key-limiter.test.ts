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

  it('spaces calls by their token cost, and does not let a small call overtake a large one', async () => {
    // 600 tokens a minute, paced at 97 %: 9.7 tokens a second.
    const limiter = createKeyLimiter({ limits: { tokensPerMinute: 600 }, maxConcurrency: 10, adaptive: false });
    const granted: string[] = [];
    await acquireInto(limiter, granted, 'first', undefined, { inputTokens: 97, outputTokens: 0 });
    void acquireInto(limiter, granted, 'large', undefined, { inputTokens: 100, outputTokens: 0 });
    void acquireInto(limiter, granted, 'small', undefined, { inputTokens: 1, outputTokens: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['first']);
    // The first call's 97 tokens are paid off after 10 s; then the large one, and the small one after it.
    await vi.advanceTimersByTimeAsync(9_900);
    expect(granted).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(200);
    expect(granted).toEqual(['first', 'large']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted).toEqual(['first', 'large']);
    await vi.advanceTimersByTimeAsync(400);
    expect(granted).toEqual(['first', 'large', 'small']);
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

  it('resumes at the deadline after a burst the provider refused with one call, then at the pace', async () => {
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
    // One call once the deadline has passed and the pace allows, not a burst of the seven refused
    // ones; the next a paced refill later (5 a minute at 97 %, 2 % less after a refusal: 12.6 s).
    await vi.advanceTimersByTimeAsync(700);
    expect(granted.slice(12)).toEqual(['next']);
    await vi.advanceTimersByTimeAsync(12_300);
    expect(granted.slice(12)).toEqual(['next']);
    await vi.advanceTimersByTimeAsync(500);
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

  it('learns limits from headers, and waits when the provider says nothing is left', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 100, adaptive: false });
    const granted: string[] = [];
    limiter.learn({ limits: { requestsPerMinute: 60 }, remaining: { requestsPerMinute: 0 }, source: 'header' });
    expect(limiter.snapshot()).toMatchObject({ limits: { requestsPerMinute: 60 }, source: 'header' });
    void acquireInto(limiter, granted, 'a');
    void acquireInto(limiter, granted, 'b');
    // Empty, paced at 97 % of one request per second: 1,031 ms a request.
    await vi.advanceTimersByTimeAsync(1_020);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(granted).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1_040);
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
    await vi.advanceTimersByTimeAsync(540);
    expect(granted).toEqual(['a', 'b']);
  });

  it('paces from the first answer: evenly at the limit, not a burst of what the provider says is left', async () => {
    // Issue 8: OpenAI and Anthropic may enforce 600 a minute as 10 a second; a minute's burst is refused.
    const limiter = createKeyLimiter({ maxConcurrency: 100, adaptive: false });
    const signal = new AbortController().signal;
    const first = await limiter.acquire(small, signal);
    first.settle({ latencyMs: 5 });
    limiter.learn({ limits: { requestsPerMinute: 600 }, remaining: { requestsPerMinute: 599 }, source: 'header', sentAt: first.sentAt });
    const granted: string[] = [];
    for (let index = 0; index < 40; index++) void acquireInto(limiter, granted, `call ${index}`);
    await vi.advanceTimersByTimeAsync(0);
    // The burst grows only to 0.8 s of the limit (what a per-second bucket holds, with room), less
    // the first call, which the provider counted too.
    expect(granted).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(1_000);
    // Then 9.7 a second (97 % of 10).
    expect(granted.length).toBeGreaterThanOrEqual(16);
    expect(granted.length).toBeLessThanOrEqual(17);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(granted.length).toBeGreaterThanOrEqual(35);
    expect(granted.length).toBeLessThanOrEqual(36);
  });

  it('reads what the provider said was left as of the call it answered: less what was sent since, plus what refilled', async () => {
    const limiter = createKeyLimiter({ limits: { requestsPerMinute: 600 }, maxConcurrency: 100, adaptive: false });
    const signal = new AbortController().signal;
    limiter.learn({ limits: { requestsPerMinute: 600 }, remaining: { requestsPerMinute: 600 }, source: 'header' });
    const answered = await limiter.acquire(small, signal);
    // Five more go out at the pace before the first is answered.
    const later: Reservation[] = [];
    for (let index = 0; index < 5; index++) {
      await vi.advanceTimersByTimeAsync(104);
      later.push(await limiter.acquire(small, signal));
    }
    // Another client spent the key: when our first call arrived, 2 requests were left. Since then
    // 0.52 s refilled 5.2, and we sent 5 more: 2.2 left now.
    answered.settle({ latencyMs: 520 });
    limiter.learn({ remaining: { requestsPerMinute: 2 }, source: 'header', sentAt: answered.sentAt });
    const granted: string[] = [];
    for (let index = 0; index < 4; index++) void acquireInto(limiter, granted, `call ${index}`);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted.length).toBeLessThanOrEqual(2);
    for (const reservation of later) reservation.settle({ latencyMs: 5 });
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
    const timeToSecond = async (giveBack: boolean) => {
      const limiter = createKeyLimiter({ limits: { tokensPerMinute: 1_000 }, maxConcurrency: 10, adaptive: false });
      const granted: string[] = [];
      const reservation = await acquireInto(limiter, granted, 'a', undefined, { inputTokens: 400, outputTokens: 500 });
      reservation.settle(giveBack ? { actual: { inputTokens: 400, outputTokens: 50 }, latencyMs: 5 } : { latencyMs: 5 });
      const started = Date.now();
      const second = acquireInto(limiter, granted, 'b', undefined, { inputTokens: 250, outputTokens: 250 });
      while (granted.length < 2) await vi.advanceTimersByTimeAsync(100);
      await second;
      return Date.now() - started;
    };
    // 900 tokens reserved at 16.2 a second: 55.6 s; 450 used: 27.8 s.
    expect(await timeToSecond(false)).toBeGreaterThan(55_000);
    const withGiveBack = await timeToSecond(true);
    expect(withGiveBack).toBeGreaterThan(27_000);
    expect(withGiveBack).toBeLessThan(28_500);
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

  it('backs off its adaptive concurrency on an overloaded settle', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 64, initialConcurrency: 16 });
    const reservations: Reservation[] = [];
    for (let index = 0; index < 16; index++) reservations.push(await limiter.acquire(small, new AbortController().signal));
    expect(limiter.snapshot().concurrency).toBe(16);
    reservations[0]!.settle({ overloaded: true });
    expect(limiter.snapshot().concurrency).toBe(11);
    for (const reservation of reservations) reservation.settle({ latencyMs: 5 });
  });

  it('holds as many calls in flight as the pace needs at the latency seen (Little\'s law), past its start', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 2048, initialConcurrency: 1 });
    const signal = new AbortController().signal;
    const first = await limiter.acquire(small, signal);
    await vi.advanceTimersByTimeAsync(1_500);
    first.settle({ latencyMs: 1_500 });
    limiter.learn({ limits: { requestsPerMinute: 30_000 }, remaining: { requestsPerMinute: 29_999 }, source: 'header', sentAt: first.sentAt });
    await vi.advanceTimersByTimeAsync(0);
    const granted: string[] = [];
    for (let index = 0; index < 3_000; index++) void acquireInto(limiter, granted, `call ${index}`);
    await vi.advanceTimersByTimeAsync(1_000);
    // 500 a second at 97 %, 1.5 s each: ~730 in flight after a second and a half; after one second
    // the 400 of burst plus 485 paced went out, none held back by concurrency.
    expect(limiter.snapshot().concurrency).toBeGreaterThan(1_000);
    expect(granted.length).toBeGreaterThan(850);
  });

  it('paces at its share of the stated limits when other processes use the key', async () => {
    const limiter = createKeyLimiter({ limits: { requestsPerMinute: 120 }, maxConcurrency: 100, adaptive: false });
    limiter.setShare(0.5);
    expect(limiter.snapshot().pacedPerMinute).toBeCloseTo(120 * 0.97 * 0.5);
    limiter.setShare(1);
    expect(limiter.snapshot().pacedPerMinute).toBeCloseTo(120 * 0.97);
  });

  it('with no limit stated, paces at the rate the provider accepted once it refuses, instead of parking', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 8, initialConcurrency: 8 });
    const signal = new AbortController().signal;
    const calls = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire(small, signal)));
    await vi.advanceTimersByTimeAsync(300);
    for (const call of calls.slice(0, 6)) call.settle({ latencyMs: 300 });
    for (const call of calls.slice(6)) call.settle({ actual: { inputTokens: 0, outputTokens: 0 }, refused: true });
    const paced = limiter.snapshot().pacedPerMinute;
    // Six accepted in the second before: half of it, 180 a minute.
    expect(paced).toBeCloseTo(180);
    const granted: string[] = [];
    for (let index = 0; index < 4; index++) void acquireInto(limiter, granted, `call ${index}`);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(340);
    expect(granted).toHaveLength(2);
  });
});

describe('a limit learned from the first answer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts the call that answered: at 60 a minute the next waits a second after its answer, not a bucket that starts full', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 8, initialConcurrency: 1 });
    const signal = new AbortController().signal;
    const first = await limiter.acquire(small, signal);
    await vi.advanceTimersByTimeAsync(300);
    first.settle({ latencyMs: 300 });
    limiter.learn({ limits: { requestsPerMinute: 60 }, remaining: { requestsPerMinute: 59 }, source: 'header', sentAt: first.sentAt });
    const granted: string[] = [];
    void acquireInto(limiter, granted, 'second');
    // 1.031 s a request at 97 %, from the answer: the first call may have reached the provider
    // only just before it answered.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(granted).toEqual(['second']);
  });
});

describe('a daily token limit', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a budget for the day, not a pace: what it holds goes at once, then waits for the day to refill', async () => {
    const limiter = createKeyLimiter({ limits: { tokensPerDay: 1_000 }, maxConcurrency: 10, adaptive: false });
    const granted: string[] = [];
    for (const name of ['a', 'b', 'c']) void acquireInto(limiter, granted, name, undefined, { inputTokens: 300, outputTokens: 100 });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(['a', 'b']);
    // 200 left of 1,000 a day: 200 more take a fifth of a day.
    await vi.advanceTimersByTimeAsync(17_000_000);
    expect(granted).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(400_000);
    expect(granted).toEqual(['a', 'b', 'c']);
  });
});
