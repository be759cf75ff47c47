import { createAdaptiveConcurrency, type AdaptiveConcurrency } from './adaptive-concurrency.ts';
import type { LimitSource, RateLimits } from './rate-limits.ts';
import { createFairQueue } from './fair-queue.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';

/** Estimated or actual tokens of one call. */
export interface CallTokens {
  inputTokens: number;
  outputTokens: number;
}

/** A granted slot: settle it exactly once when the call ends. */
export interface Reservation {
  /** The tokens reserved (an estimate given as a function is read when the slot is granted). */
  readonly tokens: CallTokens;
  /**
   * The call ended; `actual` replaces the estimate in the token buckets (undefined: keep the
   * estimate). `refused`: the provider turned the call away for its rate limit, so it did not
   * count against the request limit either (the park that follows holds the key).
   */
  settle(outcome: { actual?: CallTokens; latencyMs?: number; overloaded?: boolean; refused?: boolean }): void;
}

/** What the progress display shows about a key. */
export interface LimiterSnapshot {
  concurrency: number;
  inFlight: number;
  waiting: number;
  limits: RateLimits;
  source: LimitSource;
  parkedUntil: number | undefined;
}

/** Shapes the calls made with one provider key and model so they stay under its limits. */
export interface KeyLimiter {
  /**
   * Waits for a slot and for room in every bucket, FIFO; rejects with the signal's reason on
   * abort. An estimate given as a function is read afresh each time the call reaches the head
   * of the queue, so it can follow what calls answered meanwhile taught (an output cap). Calls of
   * different `owner`s (the passes sharing the key) take turns.
   */
  acquire(estimate: CallTokens | (() => CallTokens), signal: AbortSignal, owner?: string): Promise<Reservation>;
  /** Changes the most calls in flight (the user's `concurrency`); adaptation continues below it. */
  setMaxConcurrency(max: number): void;
  /** Holds every call for this key until `until` (epoch ms); `known`: the store has it already (no `onPark`). */
  park(until: number, options?: { known?: boolean }): void;
  /** Applies limits learned from headers, config or observation; `remaining` lowers buckets. */
  learn(update: { limits?: RateLimits; remaining?: Partial<Record<keyof RateLimits, number>>; source: LimitSource; sentAt?: number }): void;
  snapshot(): LimiterSnapshot;
}

interface Waiter {
  estimate: CallTokens | (() => CallTokens);
  grant: (reservation: Reservation) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

const minuteMs = 60_000;
const dayMs = 86_400_000;
// `spacing` holds one call start and refills over `minIntervalMs`: calls start at least that far apart.
const bucketNames = ['requests', 'input', 'output', 'tokens', 'day', 'spacing'] as const;
type BucketName = (typeof bucketNames)[number];

/** What one call uses of each bucket. */
function usageOf(tokens: CallTokens): Record<BucketName, number> {
  const total = tokens.inputTokens + tokens.outputTokens;
  return { requests: 1, input: tokens.inputTokens, output: tokens.outputTokens, tokens: total, day: total, spacing: 1 };
}

/** Creates a limiter; `maxConcurrency` caps the adaptive concurrency (the user's `concurrency`). */
export function createKeyLimiter({
  limits: configured = {},
  maxConcurrency = 1024,
  initialConcurrency = 4,
  adaptive = true,
  parkedUntil: initialPark,
  onPark,
  now = Date.now,
}: {
  limits?: RateLimits;
  maxConcurrency?: number;
  initialConcurrency?: number;
  /** When false, the concurrency is fixed at `maxConcurrency`. */
  adaptive?: boolean;
  parkedUntil?: number;
  onPark?: (until: number) => void;
  now?: () => number;
} = {}): KeyLimiter {
  const concurrency: AdaptiveConcurrency = adaptive
    ? createAdaptiveConcurrency({ initial: Math.min(initialConcurrency, maxConcurrency), max: maxConcurrency })
    : fixedConcurrency(maxConcurrency);
  const limits: RateLimits = {};
  let source: LimitSource = 'none';
  const buckets: Partial<Record<BucketName, TokenBucket>> = {};
  // What the calls in flight reserved. A bucket learned mid-run starts at what the provider said
  // was left less this: the provider counted before the calls still in flight reached it.
  const inFlightUsage: Record<BucketName, number> = { requests: 0, input: 0, output: 0, tokens: 0, day: 0, spacing: 0 };
  let parkedUntil = initialPark !== undefined && initialPark > now() ? initialPark : undefined;
  let inFlight = 0;
  const queue = createFairQueue<Waiter>();
  let timer: NodeJS.Timeout | undefined;
  let newestSentAt = Number.NEGATIVE_INFINITY;

  const bucketFor = (name: BucketName, capacity: number | undefined, windowMs: number, remaining: number | undefined) => {
    if (capacity === undefined) return;
    const existing = buckets[name];
    if (existing === undefined) {
      const time = now();
      const bucket = createTokenBucket(capacity, windowMs, time);
      if (remaining !== undefined) bucket.clamp(remaining, time);
      bucket.take(inFlightUsage[name], time);
      buckets[name] = bucket;
    } else if (existing.capacity !== capacity) existing.resize(capacity, now());
  };
  const applyLimits = (update: RateLimits, remaining: Partial<Record<keyof RateLimits, number>> = {}) => {
    Object.assign(limits, Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)));
    bucketFor('requests', limits.requestsPerMinute, minuteMs, remaining.requestsPerMinute);
    bucketFor('input', limits.inputTokensPerMinute, minuteMs, remaining.inputTokensPerMinute);
    bucketFor('output', limits.outputTokensPerMinute, minuteMs, remaining.outputTokensPerMinute);
    bucketFor('tokens', limits.tokensPerMinute, minuteMs, remaining.tokensPerMinute);
    bucketFor('day', limits.tokensPerDay, dayMs, remaining.tokensPerDay);
    if (limits.minIntervalMs !== undefined && limits.minIntervalMs > 0) bucketFor('spacing', 1, limits.minIntervalMs, undefined);
  };
  if (Object.keys(configured).length > 0) {
    applyLimits(configured);
    source = 'configured';
  }

  const costs = (tokens: CallTokens) => {
    const usage = usageOf(tokens);
    return bucketNames.map((name) => [buckets[name], usage[name]] as const);
  };

  const slots = () => Math.min(concurrency.limit, limits.maxInFlight ?? Number.POSITIVE_INFINITY);

  const pump = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    while (queue.size > 0) {
      const time = now();
      if (parkedUntil !== undefined && parkedUntil > time) return schedule(parkedUntil - time);
      parkedUntil = undefined;
      if (inFlight >= slots()) return;
      const head = queue.peek()!;
      const estimate = typeof head.estimate === 'function' ? head.estimate() : head.estimate;
      let wait = 0;
      for (const [bucket, amount] of costs(estimate)) if (bucket !== undefined) wait = Math.max(wait, bucket.waitFor(amount, time));
      if (wait > 0) return schedule(wait);
      queue.shift();
      head.signal.removeEventListener('abort', head.onAbort);
      head.grant(grant(estimate));
    }
  };
  const schedule = (delayMs: number) => {
    // setTimeout cannot wait longer than 2^31-1 ms; a longer park is re-checked then.
    timer = setTimeout(pump, Math.min(2 ** 31 - 1, Math.max(1, delayMs)));
  };

  const grant = (estimate: CallTokens): Reservation => {
    const time = now();
    for (const [bucket, amount] of costs(estimate)) bucket?.take(amount, time);
    const usage = usageOf(estimate);
    for (const name of bucketNames) inFlightUsage[name] += usage[name];
    inFlight++;
    let settled = false;
    return {
      tokens: estimate,
      settle({ actual, latencyMs, overloaded, refused = false }) {
        if (settled) return;
        settled = true;
        inFlight--;
        for (const name of bucketNames) inFlightUsage[name] -= usage[name];
        const at = now();
        // Replace the estimate with what was used, when that is known.
        const used = actual === undefined ? usage : usageOf(actual);
        for (const name of bucketNames) {
          const bucket = buckets[name];
          if (bucket === undefined) continue;
          // A request counts against the request bucket once it was sent, whatever came back, unless
          // the provider refused it for its rate limit: it counts refusals against nothing.
          const difference = name === 'requests' ? (refused ? 1 : 0) : usage[name] - used[name];
          if (difference > 0) bucket.give(difference, at);
          else if (difference < 0) bucket.take(-difference, at);
        }
        if (overloaded) concurrency.onOverload();
        else if (latencyMs !== undefined) concurrency.onSuccess(latencyMs, inFlight + 1);
        // The freed slot goes out only after the caller's current turn: what the same response
        // taught it (a park on a 429, a header saying nothing is left) must apply to that slot too.
        queueMicrotask(pump);
      },
    };
  };

  return {
    acquire(estimate, signal, owner = '') {
      if (signal.aborted) return Promise.reject(signal.reason);
      return new Promise<Reservation>((resolve, reject) => {
        const waiter: Waiter = {
          estimate,
          grant: resolve,
          reject,
          signal,
          onAbort: () => {
            queue.remove(waiter);
            reject(signal.reason);
            pump();
          },
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(owner, waiter);
        if (queue.size === 1) pump();
      });
    },
    setMaxConcurrency(max) {
      concurrency.setMax(max);
      pump();
    },
    park(until, { known = false } = {}) {
      const later = parkedUntil === undefined || until > parkedUntil;
      if (later) parkedUntil = until;
      // The buckets hold no more than will have refilled by the deadline (one request's worth),
      // so the key resumes with one call, not a burst. Applied again on each refusal: a refused
      // call gives its request back just before.
      const time = now();
      for (const [name, bucket] of Object.entries(buckets)) {
        if (bucket === undefined || name === 'day' || name === 'spacing') continue;
        bucket.clamp((name === 'requests' ? 1 : 0) - ((parkedUntil! - time) * bucket.capacity) / minuteMs, time);
      }
      if (!later) return;
      if (!known) onPark?.(until);
      pump();
    },
    learn({ limits: update, remaining, source: from, sentAt }) {
      const stale = sentAt !== undefined && sentAt < newestSentAt;
      if (sentAt !== undefined && !stale) newestSentAt = sentAt;
      if (!stale && update !== undefined && Object.keys(update).length > 0) {
        applyLimits(update, remaining);
        if (from === 'header' || source === 'none' || (source === 'learned' && from === 'configured')) source = from;
      }
      if (remaining !== undefined) {
        const time = now();
        const names = { requestsPerMinute: 'requests', inputTokensPerMinute: 'input', outputTokensPerMinute: 'output', tokensPerMinute: 'tokens', tokensPerDay: 'day' } as const;
        for (const [key, value] of Object.entries(remaining)) {
          const name = names[key as keyof typeof names];
          if (name !== undefined && value !== undefined) buckets[name]?.clamp(value, time);
        }
      }
      // After the caller's turn, like a settled slot: a park the same answer brings must come first.
      queueMicrotask(pump);
    },
    snapshot() {
      return { concurrency: slots(), inFlight, waiting: queue.size, limits: { ...limits }, source, parkedUntil };
    },
  };
}

/** A concurrency that never adapts: always its cap. */
function fixedConcurrency(max: number): AdaptiveConcurrency {
  let limit = max;
  return {
    get limit() {
      return limit;
    },
    onSuccess() {},
    onOverload() {},
    setMax(value) {
      limit = value;
    },
  };
}
