import { describe, expect, it } from 'vitest';
import { createContinuousBucket } from './create-continuous-bucket.ts';

describe('createContinuousBucket', () => {
  it('holds its capacity and refills at capacity per period', () => {
    const bucket = createContinuousBucket(60, 60_000, 0);
    expect(bucket.waitMs(60, 0)).toBe(0);
    bucket.take(60, 0);
    expect(bucket.waitMs(1, 0)).toBe(1000);
    expect(bucket.waitMs(1, 400)).toBeCloseTo(600);
    expect(bucket.available(30_000)).toBeCloseTo(30);
    expect(bucket.fullInMs(30_000)).toBeCloseTo(30_000);
    expect(bucket.available(90_000)).toBe(60);
  });

  it('asks for exactly the time the excess takes to refill, as OpenAI does', () => {
    // OpenAI: "Limit 30000, Used 29937, Requested 385. Please try again in 644ms."
    const bucket = createContinuousBucket(30_000, 60_000, 0);
    bucket.take(29_937, 0);
    expect(bucket.waitMs(385, 0)).toBeCloseTo(644);
  });

  it('never admits more than its capacity', () => {
    expect(createContinuousBucket(100, 60_000, 0).waitMs(101, 0)).toBe(Infinity);
  });

  it('gives refunds back up to its capacity', () => {
    const bucket = createContinuousBucket(100, 60_000, 0);
    bucket.take(80, 0);
    bucket.refund(50, 0);
    expect(bucket.available(0)).toBe(70);
    bucket.refund(500, 0);
    expect(bucket.available(0)).toBe(100);
  });

  it('keeps what is used when resized', () => {
    const bucket = createContinuousBucket(10, 60_000, 0);
    bucket.take(10, 0);
    bucket.resize(30, 0);
    expect(bucket.available(0)).toBe(20);
    bucket.resize(5, 0);
    expect(bucket.available(0)).toBe(-5);
    expect(bucket.waitMs(1, 0)).toBeCloseTo(72_000);
  });
});
