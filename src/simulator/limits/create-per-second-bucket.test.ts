import { describe, expect, it } from 'vitest';
import { createPerSecondBucket } from './create-per-second-bucket.ts';

describe('createPerSecondBucket', () => {
  it('holds a second of the limit and refills it continuously', () => {
    const bucket = createPerSecondBucket(600, 0);
    for (let call = 0; call < 10; call++) {
      expect(bucket.waitMs(1, 0)).toBe(0);
      bucket.take(1, 0);
    }
    expect(bucket.waitMs(1, 0)).toBeCloseTo(100);
    expect(bucket.waitMs(1, 40)).toBeCloseTo(60);
    expect(bucket.waitMs(1, 100)).toBe(0);
  });

  it('reports the minute: limit, remaining and reset as a minute-sized bucket charged with the same calls', () => {
    const bucket = createPerSecondBucket(600, 0);
    for (let call = 0; call < 10; call++) bucket.take(1, 0);
    expect(bucket.capacity).toBe(600);
    expect(bucket.available(0)).toBe(590);
    expect(bucket.fullInMs(0)).toBeCloseTo(1000);
    // Refused with 590 "remaining": the 429 reports the limit as used up.
    expect(bucket.used(0)).toBe(600);
  });

  it('holds at least one unit under 60 a minute, refilled at the limit per minute', () => {
    const bucket = createPerSecondBucket(30, 0);
    bucket.take(1, 0);
    expect(bucket.waitMs(1, 0)).toBeCloseTo(2000);
    expect(bucket.waitMs(1, 1500)).toBeCloseTo(500);
  });

  it('admits a call larger than a second once the bucket is full, leaving a debt; only over the minute is too large', () => {
    // OpenAI's TPM example: 30,000 tokens a minute are 500 a second.
    const bucket = createPerSecondBucket(30_000, 0);
    expect(bucket.waitMs(2000, 0)).toBe(0);
    bucket.take(2000, 0);
    expect(bucket.waitMs(100, 0)).toBeCloseTo(3200);
    expect(bucket.waitMs(30_001, 10_000)).toBe(Infinity);
  });

  it('asks for the time the shortfall takes to refill, as OpenAI does', () => {
    // "Limit 30000, Used 29937, Requested 385. Please try again in 644ms."
    const bucket = createPerSecondBucket(30_000, 0);
    bucket.take(437, 0);
    expect(bucket.used(0)).toBe(29_937);
    expect(bucket.waitMs(385, 0)).toBeCloseTo(644);
  });

  it('keeps what is used when resized', () => {
    const bucket = createPerSecondBucket(600, 0);
    for (let call = 0; call < 10; call++) bucket.take(1, 0);
    bucket.resize(1200, 0);
    expect(bucket.waitMs(10, 0)).toBe(0);
    expect(bucket.waitMs(11, 0)).toBeCloseTo(50);
    expect(bucket.available(0)).toBe(1190);
  });
});
