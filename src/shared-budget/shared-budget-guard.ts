import type { Redis } from 'ioredis';
import { budgetStop, type BudgetGuard } from '../budget/budget-guard.ts';
import type { BudgetLimits } from '../budget/budget-limits.ts';
import type { Spent } from '../budget/spent-so-far.ts';
import { redisScript } from '../shared-limit/redis-script.ts';
import { releaseBudgetLua, reserveBudgetLua } from './shared-budget-lua.ts';

const reserveScript = redisScript(reserveBudgetLua);
const releaseScript = redisScript(releaseBudgetLua);

// A waiting call looks again this often: releases of other processes are not announced.
const releasePollMs = 200;
// The budget's state is gone (Redis lost it): ask again this often while the coordinator writes it anew.
const missingRetryMs = 500;
// Budgets outlive their run by a day, then Redis forgets them.
const budgetTtlMs = 86_400_000;

/**
 * Writes a pass run's budget to `key`: what the store says was spent (`spentSoFar`) and the caps.
 * Every process calling for the run reserves against it (see `createSharedBudgetGuard`).
 */
export async function writeSharedBudget(redis: Redis, key: string, { spent, limits }: { spent: Spent; limits: BudgetLimits }): Promise<void> {
  const caps = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as Record<string, number>;
  await redis.multi().del(key).hset(key, { ...caps, calls: spent.calls, tokens: spent.tokens, cost: spent.cost, day: spent.dayCost, inflight: 0 }).pexpire(key, budgetTtlMs).exec();
}

/**
 * A pass's budget guard whose counts are in Redis (`writeSharedBudget`), so that calls of every
 * process count against the same caps: each reservation is one atomic script. A call over a cap
 * while calls of any process are in flight waits for them; a cap is reported only when none is.
 * `limits` are the caps as the run set them, for the messages.
 */
export function createSharedBudgetGuard({ redis, key, limits }: { redis: Redis; key: string; limits: BudgetLimits }): BudgetGuard {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  const reserve = async (estimate: { cost: number; tokens: number }): Promise<Awaited<ReturnType<BudgetGuard['reserve']>>> => {
    for (;;) {
      const reply = (await reserveScript.run(redis, [key], [estimate.cost, estimate.tokens])) as [number, ...unknown[]];
      if (reply[0] === -1) {
        await new Promise((resolve) => setTimeout(resolve, missingRetryMs));
        continue;
      }
      if (reply[0] === 0) {
        const [, capName, used, adding, held] = reply as [number, keyof BudgetLimits, string, string, string];
        // Over a cap only because of what calls in flight (of any process) were estimated at: their
        // real costs may leave room. Waited for here, where the count is the one Redis just gave.
        if (Number(held) > 0) {
          await new Promise((resolve) => setTimeout(resolve, releasePollMs));
          continue;
        }
        inFlight = 0;
        return budgetStop(capName, limits[capName]!, { used: Number(used), adding: Number(adding), inFlight: 0 });
      }
      inFlight = Number(reply[1]);
      let released = false;
      return {
        release(actual) {
          if (released) return;
          released = true;
          releaseScript.run(redis, [key], [estimate.cost, estimate.tokens, actual.cost, actual.tokens]).then(
            (held) => {
              inFlight = Number(held);
              wake();
            },
            wake,
          );
        },
      };
    }
  };
  return {
    reserve,
    get inFlight() {
      return inFlight;
    },
    nextRelease(signal) {
      return new Promise((resolve) => {
        if (signal.aborted) return resolve();
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, releasePollMs);
        signal.addEventListener('abort', done, { once: true });
        waiters.push(done);
      });
    },
  };
}
