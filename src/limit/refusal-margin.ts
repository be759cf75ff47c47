import { limiterTuning } from './limiter-tuning.ts';

/**
 * How far under a known limit a key is paced, adjusted by refusals the limit does not explain
 * (jitter in sending, another client on the key): each paces 2 % further under, down to 85 %, and
 * doubles the slack a call larger than a token bucket waits for it to be full; quiet calls bring
 * both back.
 */
export interface RefusalMargin {
  /** The share of a known limit to pace at. */
  readonly share: number;
  /** Extra wait, in ms, for a call larger than a token bucket (see `Pacer.setFullBucketSlack`). */
  readonly fullBucketSlackMs: number;
  /** A call sent at `sentAt` was refused at `at` under known limits; true when the margin changed. */
  refused(sentAt: number, at: number): boolean;
  /** A call was answered; true when the margin changed. */
  answered(): boolean;
}

const { usual, lowest, quietCallsPerStepBack } = limiterTuning.margin;
const slack = limiterTuning.fullBucketSlack;

/** Creates a margin at its usual 97 %. */
export function createRefusalMargin(): RefusalMargin {
  let share: number = usual;
  let fullBucketSlackMs: number = slack.usualMs;
  // A refusal of a call sent before the margin last changed was already answered by that change.
  let changedAt = Number.NEGATIVE_INFINITY;
  let quietCalls = 0;
  return {
    get share() {
      return share;
    },
    get fullBucketSlackMs() {
      return fullBucketSlackMs;
    },
    refused(sentAt, at) {
      if (sentAt <= changedAt) return false;
      share = Math.max(lowest, share * 0.98);
      fullBucketSlackMs = Math.min(slack.largestMs, fullBucketSlackMs * 2);
      changedAt = at;
      quietCalls = 0;
      return true;
    },
    answered() {
      if (share >= usual || ++quietCalls < quietCallsPerStepBack) return false;
      share = Math.min(usual, share * 1.01);
      fullBucketSlackMs = Math.max(slack.usualMs, fullBucketSlackMs / 2);
      quietCalls = 0;
      return true;
    },
  };
}
