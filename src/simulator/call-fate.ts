import type { CompleteFaults } from './complete-faults.ts';
import type { CompleteLatency } from './complete-latency.ts';
import { sampleFirstTokenMs } from './sample-first-token-ms.ts';

/** What the random sequence decided for one call, before it is admitted. */
export interface CallFate {
  overloaded: boolean;
  serverErrorStatus: 500 | 502 | 503 | undefined;
  injectedRateLimit: boolean;
  hang: boolean;
  drop: boolean;
  malformed: boolean;
  truncated: boolean;
  midStreamError: boolean;
  slow: boolean;
  slowFirstToken: boolean;
  /** Milliseconds to the first token, slowness included. */
  firstTokenMs: number;
  /** How many times longer than `tokensPerSecond` says generation takes (the slow factor, or 1). */
  generationFactor: number;
}

const serverErrorStatuses = [500, 502, 503] as const;

/**
 * Draws a call's fate. Every call takes the same draws whatever the settings, so changing one rate
 * does not reshuffle the others: with the same seed and order of calls, the same calls fail.
 */
export function drawCallFate(random: () => number, faults: CompleteFaults, latency: CompleteLatency): CallFate {
  const overloaded = random();
  const serverError = random();
  const serverErrorPick = random();
  const rateLimit = random();
  const hang = random();
  const drop = random();
  const malformed = random();
  const truncated = random();
  const midStream = random();
  const slowFirst = random();
  const slow = random();
  const latencyOne = random();
  const latencyTwo = random();
  const isSlow = slow < latency.slowFraction;
  const isSlowFirstToken = slowFirst < faults.slowFirstTokenRate;
  const factor = isSlow ? latency.slowFactor : 1;
  return {
    overloaded: overloaded < faults.overloadedRate,
    serverErrorStatus: serverError < faults.serverErrorRate ? serverErrorStatuses[Math.floor(serverErrorPick * 3)] : undefined,
    injectedRateLimit: rateLimit < faults.rateLimitRate,
    hang: hang < faults.hangRate,
    drop: drop < faults.dropRate,
    malformed: malformed < faults.malformedRate,
    truncated: truncated < faults.truncatedRate,
    midStreamError: midStream < faults.midStreamErrorRate,
    slow: isSlow,
    slowFirstToken: isSlowFirstToken,
    firstTokenMs: sampleFirstTokenMs(latency.firstTokenMs, latencyOne, latencyTwo) * factor + (isSlowFirstToken ? faults.slowFirstTokenMs : 0),
    generationFactor: factor,
  };
}
