import { createAdaptiveConcurrency, fixedConcurrency, type AdaptiveConcurrency } from './adaptive-concurrency.ts';
import type { LimitSource, RateLimits } from './rate-limits.ts';
import { createFairQueue } from './fair-queue.ts';
import { limitOf, nameOfLimit, pacedNames, usageOf, type PacedName } from './paced-limit.ts';
import { createPacer, type Pacer } from './pacer.ts';
import { createRefusalMargin } from './refusal-margin.ts';
import { createSendLog } from './send-log.ts';
import { createRateEstimate } from './rate-estimate.ts';
import { limiterTuning } from './limiter-tuning.ts';

/** Estimated or actual tokens of one call. */
export interface CallTokens {
  inputTokens: number;
  outputTokens: number;
}

/** A granted slot: settle it exactly once when the call ends. */
export interface Reservation {
  /** The tokens reserved (an estimate given as a function is read when the slot is granted). */
  readonly tokens: CallTokens;
  /** When the slot was granted: the call was sent then. */
  readonly sentAt: number;
  /**
   * The call ended; `actual` replaces the estimate in the token pacers (undefined: keep the
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
  /** Requests per minute this process paces at (known limits, or the rate estimated from refusals). */
  pacedPerMinute: number | undefined;
  /**
   * How many calls the provider took at once before it first refused one (halved then): the most
   * calls in flight, or the adaptive concurrency they earned, while every call was answered.
   */
  largestInFlight: number;
}

/** Shapes the calls made with one provider key and model so they stay under its limits. */
export interface KeyLimiter {
  /**
   * Waits for a slot and for the pace of every limit, FIFO; rejects with the signal's reason on
   * abort. An estimate given as a function is read afresh each time the call reaches the head
   * of the queue, so it can follow what calls answered meanwhile taught (an output cap). Calls of
   * different `owner`s (the passes sharing the key) take turns.
   */
  acquire(estimate: CallTokens | (() => CallTokens), signal: AbortSignal, owner?: string): Promise<Reservation>;
  /** Changes the most calls in flight (the user's `concurrency`); adaptation continues below it. */
  setMaxConcurrency(max: number): void;
  /** Holds every call for this key until `until` (epoch ms); `known`: the store has it already (no `onPark`). */
  park(until: number, options?: { known?: boolean }): void;
  /**
   * Applies limits learned from headers, config or observation; `remaining` is what the provider
   * had left when it admitted the call sent at `sentAt` (now, if not given).
   */
  learn(update: { limits?: RateLimits; remaining?: Partial<Record<keyof RateLimits, number>>; source: LimitSource; sentAt?: number }): void;
  /** This process's part of the key's stated limits (other processes share the key): 1 alone. */
  setShare(share: number): void;
  snapshot(): LimiterSnapshot;
}

/** A call waiting in a limiter's queue for its slot. */
export interface Waiter {
  estimate: CallTokens | (() => CallTokens);
  grant: (reservation: Reservation) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

const dayMs = 86_400_000;
const minuteMs = 60_000;
const { burstShareOfSecond } = limiterTuning;
// Calls in flight follow from rate × latency (Little's law), with this much room for slow calls.
const inFlightRoom = 2;

/** Creates a limiter; `maxConcurrency` caps the adaptive concurrency (the user's `concurrency`). */
export function createKeyLimiter({
  limits: configured = {},
  maxConcurrency = limiterTuning.maxConcurrency,
  initialConcurrency = 1,
  adaptive = true,
  parkedUntil: initialPark,
  onPark,
  now = Date.now,
}: {
  limits?: RateLimits;
  maxConcurrency?: number;
  /** Calls sent at once before anything is known of the provider. */
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
  let share = 1;
  const margin = createRefusalMargin();
  const pacers: Partial<Record<PacedName, Pacer>> = {};
  let spacing: Pacer | undefined;
  // Tokens per day: a budget for the day, not a pace (a pacer whose burst is the whole day).
  let day: Pacer | undefined;
  // The largest amount of each limit a provider said was left: evidence of how much burst it holds.
  const largestRemaining: Partial<Record<PacedName, number>> = {};
  // With no request limit known, the rate the provider accepted while it refused calls.
  const estimate = createRateEstimate();
  const sends = createSendLog();
  let parkedUntil = initialPark !== undefined && initialPark > now() ? initialPark : undefined;
  let inFlight = 0;
  let latencyMs: number | undefined;
  let largestInFlight = 0;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let refusedAny = false;
  const queue = createFairQueue<Waiter>();
  let timer: NodeJS.Timeout | undefined;
  let newestSentAt = Number.NEGATIVE_INFINITY;

  // What the calls in flight reserved: a pacer created mid-run starts charged with it.
  const inFlightUsage: Record<PacedName, number> = { requests: 0, input: 0, output: 0, tokens: 0 };

  const requestsKnown = () => limits.requestsPerMinute !== undefined;
  /** The rate a paced limit goes at: under the stated limit, this process's share of it. */
  const pacedRate = (name: PacedName) => {
    if (name === 'requests' && !requestsKnown()) return estimate.perMinute;
    const limit = limits[limitOf[name]];
    if (limit === undefined) return undefined;
    return limit * margin.share * share;
  };
  const burstOf = (name: PacedName) => {
    const limit = limits[limitOf[name]];
    const seen = largestRemaining[name];
    if (limit === undefined || seen === undefined) return 1;
    return Math.max(1, Math.min(seen, (limit / 60) * burstShareOfSecond[name === 'requests' ? 'requests' : 'tokens'] * share));
  };
  const updatePacer = (name: PacedName) => {
    const rate = pacedRate(name);
    const time = now();
    if (rate === undefined) {
      delete pacers[name];
      return;
    }
    const pacer = pacers[name];
    if (pacer === undefined) {
      const created = createPacer(rate, time, burstOf(name));
      created.setFullBucketSlack(margin.fullBucketSlackMs);
      // Calls already in flight were sent under this limit too, and so was the call that just
      // answered (the first, often): counted as if it had reached the provider now, since a first
      // call can take hundreds of ms to leave (a new connection) and its answer is what taught
      // the limit. At 60 a minute the next call goes a second after that answer.
      const lastCallOwes = name === 'requests' && lastSentAt > time - minuteMs ? 1 : 0;
      created.take(Math.max(inFlightUsage[name], lastCallOwes), time);
      pacers[name] = created;
    } else {
      if (pacer.perMinute !== rate) pacer.setRate(rate, time);
      if (pacer.burst !== burstOf(name)) pacer.setBurst(burstOf(name), time);
    }
    if (name === 'requests') followLittlesLaw();
  };
  // A known pace needs rate × latency calls in flight: grow the concurrency to it at once.
  const followLittlesLaw = () => {
    const perMinute = pacers.requests?.perMinute;
    if (perMinute === undefined || latencyMs === undefined) return;
    concurrency.raiseTo(Math.ceil((perMinute / minuteMs) * latencyMs * inFlightRoom) + 1);
  };

  const applyLimits = (update: RateLimits) => {
    Object.assign(limits, Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)));
    for (const name of pacedNames) updatePacer(name);
    if (limits.tokensPerDay !== undefined) {
      const perMinute = (limits.tokensPerDay * minuteMs) / dayMs;
      if (day === undefined) day = createPacer(perMinute, now(), limits.tokensPerDay);
      else if (day.burst !== limits.tokensPerDay) {
        day.setRate(perMinute, now());
        day.setBurst(limits.tokensPerDay, now());
      }
    }
    if (limits.minIntervalMs !== undefined && limits.minIntervalMs > 0) {
      const perMinute = minuteMs / limits.minIntervalMs;
      if (spacing === undefined) spacing = createPacer(perMinute, now());
      else spacing.setRate(perMinute, now());
    }
  };
  if (Object.keys(configured).length > 0) {
    applyLimits(configured);
    source = 'configured';
  }

  const slots = () => Math.min(concurrency.limit, limits.maxInFlight ?? Number.POSITIVE_INFINITY);

  const waitFor = (estimateTokens: CallTokens, time: number) => {
    const usage = usageOf(estimateTokens);
    let wait = 0;
    for (const name of pacedNames) wait = Math.max(wait, pacers[name]?.waitFor(usage[name], time) ?? 0);
    wait = Math.max(wait, spacing?.waitFor(1, time) ?? 0, day?.waitFor(usage.tokens, time) ?? 0);
    return wait;
  };

  const pump = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (!requestsKnown()) {
      const before = estimate.perMinute;
      estimate.tick(now());
      if (estimate.perMinute !== before) updatePacer('requests');
    }
    while (queue.size > 0) {
      const time = now();
      if (parkedUntil !== undefined && parkedUntil > time) return schedule(parkedUntil - time);
      parkedUntil = undefined;
      if (inFlight >= slots()) return;
      const head = queue.peek()!;
      const estimateTokens = typeof head.estimate === 'function' ? head.estimate() : head.estimate;
      const wait = waitFor(estimateTokens, time);
      if (wait > 0) return schedule(wait);
      queue.shift();
      head.signal.removeEventListener('abort', head.onAbort);
      head.grant(grant(estimateTokens));
    }
  };
  const schedule = (delayMs: number) => {
    // setTimeout cannot wait longer than 2^31-1 ms; a longer park is re-checked then.
    timer = setTimeout(pump, Math.min(2 ** 31 - 1, Math.max(1, delayMs)));
  };

  const grant = (estimateTokens: CallTokens): Reservation => {
    const sentAt = now();
    const usage = usageOf(estimateTokens);
    for (const name of pacedNames) {
      pacers[name]?.take(usage[name], sentAt);
      inFlightUsage[name] += usage[name];
    }
    spacing?.take(1, sentAt);
    day?.take(usage.tokens, sentAt);
    lastSentAt = sentAt;
    // Sends are remembered only to read a provider's `remaining`, which only a paced key has: a
    // key with no limit (the mock, a local server) keeps no log on its hot path.
    const sent = day !== undefined || Object.keys(pacers).length > 0 ? sends.record(sentAt, usage) : undefined;
    inFlight++;
    if (!refusedAny) largestInFlight = Math.max(largestInFlight, inFlight);
    let settled = false;
    return {
      tokens: estimateTokens,
      sentAt,
      settle({ actual, latencyMs: latency, overloaded, refused = false }) {
        if (settled) return;
        settled = true;
        inFlight--;
        for (const name of pacedNames) inFlightUsage[name] -= usage[name];
        const at = now();
        // Replace the estimate with what was used, when that is known.
        const used = actual === undefined ? usage : usageOf(actual);
        for (const name of pacedNames) {
          const pacer = pacers[name];
          if (pacer === undefined) continue;
          // A request counts once it was sent, whatever came back, unless the provider refused it
          // for its rate limit: it counts refusals against nothing.
          const difference = name === 'requests' ? (refused ? 1 : 0) : usage[name] - used[name];
          if (difference > 0) pacer.give(difference, at);
          else if (difference < 0) pacer.take(-difference, at);
        }
        if (day !== undefined && usage.tokens !== used.tokens) {
          if (usage.tokens > used.tokens) day.give(usage.tokens - used.tokens, at);
          else day.take(used.tokens - usage.tokens, at);
        }
        if (refused) {
          sent?.forget();
          if (!refusedAny) largestInFlight = Math.max(1, Math.floor(largestInFlight / 2));
          refusedAny = true;
          // With some limit stated, a refusal is about that limit (or jitter, or another client),
          // not evidence of a request rate nobody stated.
          if (source === 'none') {
            estimate.refused(sentAt, at);
            updatePacer('requests');
          } else if (margin.refused(sentAt, at)) {
            for (const pacer of Object.values(pacers)) pacer?.setFullBucketSlack(margin.fullBucketSlackMs);
            for (const name of pacedNames) updatePacer(name);
          }
        } else if (!overloaded && latency !== undefined) {
          estimate.accepted(sentAt);
          if (margin.answered()) {
            for (const pacer of Object.values(pacers)) pacer?.setFullBucketSlack(margin.fullBucketSlackMs);
            for (const name of pacedNames) updatePacer(name);
          }
          latencyMs = latencyMs === undefined ? latency : latencyMs * 0.9 + latency * 0.1;
        }
        if (overloaded) concurrency.onOverload();
        else if (latency !== undefined && !refused) {
          // Paced, the rate is the pacer's business: latency says how many calls that takes in
          // flight, not that the provider is queueing them.
          if (pacers.requests === undefined) concurrency.onSuccess(latency, inFlight + 1);
          else followLittlesLaw();
          // The adaptive concurrency grows only while in use: every call so far was taken.
          if (!refusedAny) largestInFlight = Math.max(largestInFlight, concurrency.limit);
        }
        // The freed slot goes out only after the caller's current turn: what the same response
        // taught it (a park on a 429, a header saying nothing is left) must apply to that slot too.
        queueMicrotask(pump);
      },
    };
  };

  return {
    acquire(estimateTokens, signal, owner = '') {
      if (signal.aborted) return Promise.reject(signal.reason);
      return new Promise<Reservation>((resolve, reject) => {
        const waiter: Waiter = {
          estimate: estimateTokens,
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
      // The key resumes with one call at the deadline, then at the pace: not a burst of every call
      // that waited. Applied again on each refusal: a refused call gives its request back just before.
      const time = now();
      const waitMs = parkedUntil! - time;
      for (const name of pacedNames) {
        const pacer = pacers[name];
        if (pacer !== undefined) pacer.clamp((name === 'requests' ? 1 : 0) - (waitMs * pacer.perMinute) / minuteMs, time);
      }
      if (!later) return;
      if (!known) onPark?.(until);
      pump();
    },
    learn({ limits: update, remaining, source: from, sentAt }) {
      const stale = sentAt !== undefined && sentAt < newestSentAt;
      if (sentAt !== undefined && !stale) newestSentAt = sentAt;
      if (remaining !== undefined) {
        for (const [key, value] of Object.entries(remaining)) {
          const name = nameOfLimit[key as keyof typeof nameOfLimit];
          if (name !== undefined && value !== undefined) largestRemaining[name] = Math.max(largestRemaining[name] ?? 0, value);
        }
      }
      if (!stale && update !== undefined && Object.keys(update).length > 0) {
        applyLimits(update);
        if (from === 'header' || source === 'none' || (source === 'learned' && from === 'configured')) source = from;
      } else if (remaining !== undefined) for (const name of pacedNames) updatePacer(name);
      if (remaining !== undefined) {
        const time = now();
        const reportedAt = sentAt ?? time;
        for (const [key, value] of Object.entries(remaining)) {
          if (value === undefined) continue;
          if (key === 'tokensPerDay') {
            day?.clamp(value - sends.sentSince('tokens', reportedAt), time);
            continue;
          }
          const name = nameOfLimit[key as keyof typeof nameOfLimit];
          const pacer = name === undefined ? undefined : pacers[name];
          const limit = name === undefined ? undefined : limits[limitOf[name]];
          if (pacer === undefined || limit === undefined) continue;
          // What the provider had left when it admitted that call, plus what refilled since, less
          // what was sent after it: what it has left now, as far as this process knows.
          const refilled = ((time - reportedAt) * limit) / minuteMs;
          pacer.clamp(value + refilled - sends.sentSince(name, reportedAt), time);
        }
      }
      // After the caller's turn, like a settled slot: a park the same answer brings must come first.
      queueMicrotask(pump);
    },
    setShare(value) {
      const next = Math.min(1, Math.max(0.01, value));
      if (next === share) return;
      share = next;
      for (const name of pacedNames) updatePacer(name);
      pump();
    },
    snapshot() {
      return {
        concurrency: slots(),
        inFlight,
        waiting: queue.size,
        limits: { ...limits },
        source,
        parkedUntil,
        pacedPerMinute: pacers.requests?.perMinute,
        largestInFlight,
      };
    },
  };
}
