import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket.ts';

const minuteMs = 60_000;

describe('createTokenBucket', () => {
  it('starts full and refills its capacity once per window, continuously, never above capacity', () => {
    const bucket = createTokenBucket(600, minuteMs, 0);
    expect(bucket.level(0)).toBe(600);
    bucket.take(600, 0);
    expect(bucket.level(0)).toBe(0);
    expect(bucket.level(1_000)).toBeCloseTo(10);
    expect(bucket.level(30_000)).toBeCloseTo(300);
    expect(bucket.level(120_000)).toBe(600);
  });

  it('says how long until an amount is available', () => {
    const bucket = createTokenBucket(60, minuteMs, 0);
    expect(bucket.waitFor(60, 0)).toBe(0);
    bucket.take(60, 0);
    expect(bucket.waitFor(1, 0)).toBe(1_000);
    expect(bucket.waitFor(3, 0)).toBe(3_000);
    expect(bucket.waitFor(1, 400)).toBe(600);
    expect(bucket.waitFor(1, 1_000)).toBe(0);
  });

  it('lets a request larger than the whole bucket go once the bucket is full, instead of never', () => {
    const bucket = createTokenBucket(100, minuteMs, 0);
    expect(bucket.waitFor(250, 0)).toBe(0);
    bucket.take(250, 0);
    expect(bucket.level(0)).toBe(-150);
    // From -150 back to full (100) is 2.5 windows.
    expect(bucket.waitFor(250, 0)).toBe(150_000);
  });

  it('takes back an over-estimate with give, up to capacity', () => {
    const bucket = createTokenBucket(1_000, minuteMs, 0);
    bucket.take(800, 0);
    bucket.give(300, 0);
    expect(bucket.level(0)).toBe(500);
    bucket.give(10_000, 0);
    expect(bucket.level(0)).toBe(1_000);
  });

  it('clamps to what the provider says is left, but never raises the level', () => {
    const bucket = createTokenBucket(500, minuteMs, 0);
    bucket.take(100, 0);
    bucket.clamp(50, 0);
    expect(bucket.level(0)).toBe(50);
    bucket.clamp(400, 0);
    expect(bucket.level(0)).toBe(50);
  });

  it('keeps its fill ratio when resized to a limit learned mid-run', () => {
    const bucket = createTokenBucket(100, minuteMs, 0);
    bucket.take(75, 0);
    bucket.resize(400, 0);
    expect(bucket.capacity).toBe(400);
    expect(bucket.level(0)).toBe(100);
    expect(bucket.waitFor(101, 0)).toBe(150);
  });
});
