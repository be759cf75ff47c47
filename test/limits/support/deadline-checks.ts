import type { RequestLogEntry } from '../../../src/simulator/index.ts';
import type { TimedEvent } from './simulated-swarm.ts';

/** A call that went out while its key was parked. */
export interface EarlyDispatch {
  rowIds: string[];
  /** How long after the park began, and how long before its deadline, it went out. */
  afterParkMs: number;
  beforeDeadlineMs: number;
}

/**
 * Calls Swarm started while the key was parked: after a `rate-limit` event (in event order, so
 * calls in the same millisecond are told apart) and before its deadline. Exact: both sides are
 * Swarm's own clock.
 */
export function dispatchesWhileParked(events: TimedEvent[]): EarlyDispatch[] {
  const early: EarlyDispatch[] = [];
  const parks: Array<{ atMs: number; parkedUntil: number }> = [];
  for (const event of events) {
    if (event.type === 'rate-limit') parks.push({ atMs: event.atMs, parkedUntil: event.parkedUntil });
    if (event.type !== 'dispatch-start') continue;
    const park = parks.find((candidate) => event.atMs < candidate.parkedUntil);
    if (park !== undefined) early.push({ rowIds: event.rowIds, afterParkMs: event.atMs - park.atMs, beforeDeadlineMs: park.parkedUntil - event.atMs });
  }
  return early;
}

/** A request the provider received during the wait one of its 429s announced, that Swarm sent after it knew. */
export interface EarlyArrival {
  /** When the 429'd request arrived, and when the offending request arrived (simulator clock, epoch ms). */
  refusedAtMs: number;
  arrivedAtMs: number;
}

/**
 * Requests the provider received before a 429's deadline (arrival + `waitMs`) that cannot have
 * been in flight already. The simulator's log says when each request arrived but not which row it
 * carried, so this counts: by `refusedAt + waitMs` the provider may have received at most the
 * requests Swarm had sent before it reacted to that 429 (or to a later one). Each reaction is a
 * `rate-limit` event at or after the 429's arrival; whichever it is parks the key at least until
 * `refusedAt + waitMs`. `waitMs` may differ per 429 (limit 429s announce the time to refill, injected
 * ones a fixed wait); then this also takes Swarm to learn of each 429 before a park it is already
 * under ends, as it does when 429s are answered at once. `slackMs` absorbs millisecond rounding.
 */
export function arrivalsBeforeDeadline(
  log: RequestLogEntry[],
  events: TimedEvent[],
  waitMs: number | ((refused: RequestLogEntry) => number),
  slackMs = 5,
): EarlyArrival[] {
  const early: EarlyArrival[] = [];
  const arrivals = log.map((entry) => entry.atMs).sort((left, right) => left - right);
  for (const refused of log.filter((entry) => entry.status === 429)) {
    const reaction = events.findIndex((event) => event.type === 'rate-limit' && event.atMs >= refused.atMs);
    if (reaction === -1) {
      early.push({ refusedAtMs: refused.atMs, arrivedAtMs: Number.NaN });
      continue;
    }
    const sentBefore = events.slice(0, reaction).filter((event) => event.type === 'dispatch-start').length;
    const deadline = refused.atMs + (typeof waitMs === 'number' ? waitMs : waitMs(refused)) - slackMs;
    const arrivedBefore = arrivals.filter((atMs) => atMs < deadline);
    if (arrivedBefore.length > sentBefore) early.push({ refusedAtMs: refused.atMs, arrivedAtMs: arrivedBefore[sentBefore]! });
  }
  return early;
}
