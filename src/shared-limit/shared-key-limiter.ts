import type { Redis } from 'ioredis';
import type { CallTokens, KeyLimiter, LimiterSnapshot, Reservation, Waiter } from '../limit/key-limiter.ts';
import { createFairQueue } from '../limit/fair-queue.ts';
import type { LimitSource, RateLimits } from '../limit/rate-limits.ts';
import { acquireLua, beatLua, configureLua, leaveLua, learnLua, parkLua, settleLua } from './limiter-lua.ts';
import { redisScript } from './redis-script.ts';
import type { SharedLimiterKeys } from './shared-limiter-keys.ts';

/** A key limiter whose state is in Redis: what the registry sharing it also needs to do to it. */
export interface SharedKeyLimiter extends KeyLimiter {
  /** Sets the key's caps and configured limits (see `LimiterRegistry.limiterFor`). */
  configure(options: { limits?: RateLimits; maxConcurrency: number; initialConcurrency: number; adaptive: boolean }): void;
  /** Says this process is alive; processes silent for `goneAfterMs` are gone, with their calls in flight. */
  beat(goneAfterMs: number): Promise<void>;
  /** Gives back what this process holds (it is closing). */
  leave(): Promise<void>;
}

const acquireScript = redisScript(acquireLua);
const settleScript = redisScript(settleLua);
const learnScript = redisScript(learnLua);
const parkScript = redisScript(parkLua);
const configureScript = redisScript(configureLua);
const beatScript = redisScript(beatLua);
const leaveScript = redisScript(leaveLua);

// With every slot taken, a process looks again this often (another process's call may end first).
const noSlotPollMs = 10;
// The longest a waiting call sleeps before asking again (limits may change meanwhile).
const longestSleepMs = 1_000;
// Redis unreachable: ask again this much later (the client reconnects meanwhile).
const unreachableRetryMs = 250;
// The most calls of a process one script may grant at once.
const askedAtOnce = 64;
const limitFields = ['rpm', 'itpm', 'otpm', 'tpm', 'tpd', 'mif', 'mi', 'src', 'lif'] as const;

/**
 * Creates the limiter of one key whose state every process shares through Redis: each slot is
 * taken by one atomic script against the key's token buckets and calls in flight, so any number
 * of processes on any number of machines together stay under the provider's limits. Calls of this
 * process wait in a fair queue of their own; only its head asks Redis, and sleeps as long as Redis
 * says. `holder` names this process (its calls in flight are given back if it dies).
 */
export function createSharedKeyLimiter({
  redis,
  keys,
  holder,
  onError = () => {},
}: {
  redis: Redis;
  keys: SharedLimiterKeys;
  holder: string;
  /** Told of Redis errors the limiter rides out (it retries). */
  onError?: (error: unknown) => void;
}): SharedKeyLimiter {
  const keyList = [keys.state, keys.holders, keys.log];
  const queue = createFairQueue<Waiter>();
  let asking = false;
  let timer: NodeJS.Timeout | undefined;
  // Redis's clock minus this process's, from the last answer.
  let offset = 0;
  let known = { slots: 1, inFlight: 0, parkedUntil: 0, version: -1, pacedPerMinute: 0 };
  let limits: RateLimits = {};
  let source: LimitSource = 'none';
  let largestInFlight = 0;
  let loadingVersion = -1;

  // Every script answers [now, slots, in flight, parked until, version, paced requests/min].
  const absorb = (state: unknown) => {
    const [now, slots, inFlight, parkedUntil, version, paced] = (state as string[]).map(Number);
    offset = now! - Date.now();
    known = { slots: slots!, inFlight: inFlight!, parkedUntil: parkedUntil!, version: version!, pacedPerMinute: paced! };
    if (version !== loadingVersion) loadLimits(version!);
  };
  const loadLimits = (version: number) => {
    loadingVersion = version;
    redis.hmget(keys.state, ...limitFields).then((values) => {
      const [rpm, itpm, otpm, tpm, tpd, mif, mi, src, lif] = values;
      const number = (value: string | null) => (value === null ? undefined : Number(value));
      limits = Object.fromEntries(
        Object.entries({
          requestsPerMinute: number(rpm),
          inputTokensPerMinute: number(itpm),
          outputTokensPerMinute: number(otpm),
          tokensPerMinute: number(tpm),
          tokensPerDay: number(tpd),
          maxInFlight: number(mif),
          minIntervalMs: number(mi),
        }).filter(([, value]) => value !== undefined),
      ) as RateLimits;
      source = (src ?? 'none') as LimitSource;
      largestInFlight = number(lif) ?? 0;
    }, onError);
  };

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(pump, Math.min(longestSleepMs, Math.max(1, delayMs)));
  };
  // Waiters taken off the fair queue in their turn and asked for, not granted yet: served first.
  const front: Waiter[] = [];
  const pump = () => {
    if (asking || (front.length === 0 && queue.size === 0)) return;
    clearTimeout(timer);
    timer = undefined;
    const localPark = known.parkedUntil - offset - Date.now();
    if (localPark > 0) return schedule(localPark);
    while (front.length < askedAtOnce && queue.size > 0) {
      front.push(queue.peek()!);
      queue.shift();
    }
    const asked = front.slice();
    const tokens = asked.map((waiter) => (typeof waiter.estimate === 'function' ? waiter.estimate() : waiter.estimate));
    asking = true;
    acquireScript.run(redis, keyList, [holder, asked.length, ...tokens.flatMap((call) => [call.inputTokens, call.outputTokens])]).then(
      (reply) => {
        asking = false;
        const [granted, code, wait, state] = reply as [number, number, string, string[]];
        absorb(state);
        const sentAt = Number(state[0]);
        for (let index = 0; index < granted; index++) {
          const waiter = asked[index]!;
          const position = front.indexOf(waiter);
          // A waiter that gave up while Redis answered: its slot goes back at once.
          if (position === -1) {
            cancel(tokens[index]!, sentAt);
            continue;
          }
          front.splice(position, 1);
          waiter.signal.removeEventListener('abort', waiter.onAbort);
          waiter.grant(grant(tokens[index]!, sentAt));
        }
        if (granted === asked.length) pump();
        else schedule(code === 0 ? Number(wait) : noSlotPollMs);
      },
      (error: unknown) => {
        asking = false;
        onError(error);
        schedule(unreachableRetryMs);
      },
    );
  };

  const settleArguments = (tokens: CallTokens, sentAt: number, outcome: Parameters<Reservation['settle']>[0], cancelled: boolean) => [
    holder,
    tokens.inputTokens,
    tokens.outputTokens,
    outcome.actual?.inputTokens ?? '',
    outcome.actual?.outputTokens ?? '',
    outcome.latencyMs ?? '',
    outcome.overloaded ? 1 : 0,
    outcome.refused ? 1 : 0,
    cancelled ? 1 : 0,
    sentAt,
    queue.size + front.length > 0 ? 1 : 0,
  ];
  const settleInRedis = (args: (string | number)[]) =>
    settleScript
      .run(redis, keyList, args)
      .then(absorb, onError)
      // A slot may be free now; the answer's lessons (a park, a header) were sent before this settle.
      .finally(pump);
  const cancel = (tokens: CallTokens, sentAt: number) => settleInRedis(settleArguments(tokens, sentAt, {}, true));
  const grant = (tokens: CallTokens, sentAt: number): Reservation => {
    let settled = false;
    return {
      tokens,
      sentAt: sentAt - offset,
      settle(outcome) {
        if (settled) return;
        settled = true;
        settleInRedis(settleArguments(tokens, sentAt, outcome, false));
      },
    };
  };

  const run = (script: typeof learnScript, args: (string | number)[]) =>
    script
      .run(redis, keyList, args)
      .then(absorb, onError)
      .finally(pump);

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
            const position = front.indexOf(waiter);
            if (position === -1) queue.remove(waiter);
            else front.splice(position, 1);
            reject(signal.reason);
          },
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(owner, waiter);
        pump();
      });
    },
    setMaxConcurrency(max) {
      run(configureScript, [max, max, 1, '{}']);
    },
    park(until) {
      known.parkedUntil = Math.max(known.parkedUntil, until + offset);
      run(parkScript, [Math.round(until + offset)]);
    },
    learn({ limits: update, remaining, source: from, sentAt }) {
      run(learnScript, [from, sentAt === undefined ? '' : Math.round(sentAt + offset), JSON.stringify(update ?? {}), JSON.stringify(remaining ?? {})]);
    },
    // The whole limit is shared through Redis: no process paces at a share of its own.
    setShare() {},
    snapshot(): LimiterSnapshot {
      const parkedUntil = known.parkedUntil - offset;
      return {
        concurrency: known.slots,
        inFlight: known.inFlight,
        waiting: queue.size + front.length,
        limits: { ...limits },
        source,
        parkedUntil: parkedUntil > Date.now() ? parkedUntil : undefined,
        pacedPerMinute: known.pacedPerMinute > 0 ? known.pacedPerMinute : undefined,
        largestInFlight,
      };
    },
    configure({ limits: configured = {}, maxConcurrency, initialConcurrency, adaptive }) {
      run(configureScript, [maxConcurrency, initialConcurrency, adaptive ? 1 : 0, JSON.stringify(configured)]);
    },
    async beat(goneAfterMs) {
      absorb(await beatScript.run(redis, keyList, [holder, goneAfterMs]));
    },
    async leave() {
      clearTimeout(timer);
      absorb(await leaveScript.run(redis, keyList, [holder]));
    },
  };
}
