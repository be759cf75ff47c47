/** One limit's capacity over time: how much can be used now, and how long until more can. */
export interface RateWindow {
  /** The limit: the most the window holds. */
  readonly capacity: number;
  /** Units usable at `nowMs` (fractional for refilling buckets; negative after a limit was lowered). */
  available(nowMs: number): number;
  /** Units counted against the limit now, as a 429 reports them ("Used 29937"). */
  used(nowMs: number): number;
  /** Milliseconds until `amount` units fit: 0 if they fit now, Infinity if they exceed the capacity. */
  waitMs(amount: number, nowMs: number): number;
  /** Uses `amount` units; callers check `waitMs` first. */
  take(amount: number, nowMs: number): void;
  /** Gives back units charged up front but not used, up to the capacity. */
  refund(amount: number, nowMs: number): void;
  /** Milliseconds until the window is back at full capacity. */
  fullInMs(nowMs: number): number;
  /** Changes the limit, keeping what is already used. */
  resize(capacity: number, nowMs: number): void;
}
