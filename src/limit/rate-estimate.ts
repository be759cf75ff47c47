import { limiterTuning } from './limiter-tuning.ts';

/**
 * The request rate a provider that states no limit accepts, learned from its refusals.
 *
 * - The first refusal: pace at half the rate calls were accepted at in the second before it (that
 *   rate includes whatever burst the provider's bucket held), then probe upward quickly.
 * - A probe is a step up after a quiet spell. The provider's bucket hides an overshoot until it
 *   is empty, so a refusal after quick probing goes back three steps, after medium probing one;
 *   each refusal slows the probing down: quick (10 % growing to 15 %, every 2 s), medium (5 %
 *   every 5 s), careful (2 % after 15 s and 150 quiet calls, so a limit raised mid-run is still
 *   found without steady refusals).
 * - Refusals that go on for 2 s at one pace measure the rate exactly: the bucket was empty at
 *   both ends, so what it accepted in between is what refilled.
 * - Refusals that go on for less, with no probe to undo, take 30 % off, and probing resumes.
 */
export interface RateEstimate {
  /** Requests per minute to pace at; undefined until the provider refused a call. */
  readonly perMinute: number | undefined;
  /** A call sent at `sentAt` was accepted. */
  accepted(sentAt: number): void;
  /** A call sent at `sentAt` was refused for the rate limit at `now`. */
  refused(sentAt: number, now: number): void;
  /** Time has passed: maybe probe upward. */
  tick(now: number): void;
}

const { rateHeadroom: headroom, episodeGapMs, measuringSpanMs, settleMs, probing } = limiterTuning;
const acceptedMemoryMs = 120_000;
type Mode = keyof typeof probing;
const slower: Record<Mode, Mode> = { quick: 'medium', medium: 'careful', careful: 'careful' };

/** Creates an estimate with nothing known. */
export function createRateEstimate(): RateEstimate {
  // Send times of accepted calls, oldest first.
  const acceptedAt: number[] = [];
  let pace: number | undefined;
  let mode: Mode = 'quick';
  let step: number = probing.quick.firstStep;
  // The latest probe steps, newest last: what a refusal undoes.
  let steps: number[] = [];
  let episodeStart = Number.NEGATIVE_INFINITY;
  let lastRefusal = Number.NEGATIVE_INFINITY;
  let changedAt = Number.NEGATIVE_INFINITY;
  let loweredAt = Number.NEGATIVE_INFINITY;
  let acceptedSinceChange = 0;

  const countAccepted = (from: number, to: number) => {
    let count = 0;
    for (let index = acceptedAt.length - 1; index >= 0 && acceptedAt[index]! > from; index--) if (acceptedAt[index]! <= to) count++;
    return count;
  };
  const setPace = (perMinute: number, at: number) => {
    pace = Math.max(0.1, perMinute);
    changedAt = at;
    acceptedSinceChange = 0;
  };

  return {
    get perMinute() {
      return pace;
    },
    accepted(sentAt) {
      acceptedAt.push(sentAt);
      acceptedSinceChange++;
      while (acceptedAt[0]! < sentAt - acceptedMemoryMs) acceptedAt.shift();
    },
    refused(sentAt, now) {
      if (sentAt - lastRefusal > episodeGapMs) episodeStart = sentAt;
      lastRefusal = Math.max(lastRefusal, sentAt);
      if (pace !== undefined && sentAt < loweredAt + settleMs) return;
      loweredAt = now;
      if (pace === undefined) {
        setPace(Math.max(1, countAccepted(sentAt - 1_000, sentAt)) * 60 * 0.5, now);
        return;
      }
      const spanMs = sentAt - episodeStart;
      if (spanMs >= measuringSpanMs) {
        // The bucket held less than a call at both refusals: what it accepted between is what refilled.
        const measured = (countAccepted(episodeStart, sentAt) / spanMs) * 60_000;
        setPace(Math.min(pace, measured * headroom), now);
        mode = 'careful';
      } else if (steps.length > 0) {
        const undone = steps.slice(-probing[mode].stepsBack).reduce((factor, undo) => factor * (1 + undo), 1);
        setPace((pace / undone) * headroom, now);
        mode = slower[mode];
      } else {
        // Refused with no probe to undo and nothing measured: a cut in the dark, so probe up again.
        setPace(pace * 0.7, now);
        mode = 'medium';
      }
      steps = [];
      step = probing[mode].firstStep;
    },
    tick(now) {
      if (pace === undefined) return;
      const probe = probing[mode];
      if (now - changedAt < probe.afterMs || now - loweredAt < probe.afterMs || acceptedSinceChange < probe.calls) return;
      setPace(pace * (1 + step), now);
      steps.push(step);
      step = Math.min(probe.largestStep, step * probe.growth);
      // Refusals from here on measure the new pace: the bucket may have filled under the old one.
      lastRefusal = Number.NEGATIVE_INFINITY;
    },
  };
}
