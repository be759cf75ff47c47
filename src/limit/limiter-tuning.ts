/**
 * The numbers that tune a key limiter, in one place: the limiter of this process reads them, and
 * the shared limiter's Lua scripts (src/shared-limit) are written with them, so both pace alike.
 */
export const limiterTuning = {
  /** The most calls in flight when the user sets no `concurrency`. */
  maxConcurrency: 1024,
  /**
   * The most burst evidence may grant, as a share of one second of the limit (what a provider that
   * enforces per second holds): requests keep room for jitter in sending; a token pacer holds the
   * whole second, since a call larger than the provider's bucket goes only when that bucket is full.
   */
  burstShareOfSecond: { requests: 0.8, tokens: 1 },
  /** Overloads among this many recent outcomes... */
  overloadWindow: 20,
  /**
   * ...at least this many of them: a provider shedding load, not the odd failure (5 % of 503s must
   * not halve a pass again and again).
   */
  overloadsToBackOff: 4,
  /** Known limits are paced this far under: clocks, network jitter and rounding stay under the line. */
  margin: { usual: 0.97, lowest: 0.85, quietCallsPerStepBack: 100 },
  /** Extra wait for a call larger than a token bucket: usual, and the most after refusals. */
  fullBucketSlack: { usualMs: 100, largestMs: 1_000 },
  /** A rate learned from refusals: paced this far under what was measured. */
  rateHeadroom: 0.97,
  /** Refusals further apart than this belong to different episodes. */
  episodeGapMs: 20_000,
  /** Refusals going on this long at one pace measure it. */
  measuringSpanMs: 2_000,
  /**
   * Calls sent this soon after the pace was lowered met a provider still recovering from those before
   * (an overshoot found late leaves its bucket in debt for a while).
   */
  settleMs: 2_000,
  /** How a learned rate probes upward, from quick to careful as refusals show where the limit is. */
  probing: {
    quick: { afterMs: 2_000, calls: 10, firstStep: 0.1, growth: 1.2, largestStep: 0.15, stepsBack: 3 },
    medium: { afterMs: 5_000, calls: 30, firstStep: 0.05, growth: 1, largestStep: 0.05, stepsBack: 1 },
    careful: { afterMs: 15_000, calls: 150, firstStep: 0.02, growth: 1, largestStep: 0.02, stepsBack: 1 },
  },
} as const;
