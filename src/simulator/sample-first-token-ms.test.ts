import { describe, expect, it } from 'vitest';
import { seededRandom } from '../mock-answer/seeded-random.ts';
import { sampleFirstTokenMs } from './sample-first-token-ms.ts';

describe('sampleFirstTokenMs', () => {
  it('returns a fixed time as is', () => {
    expect(sampleFirstTokenMs(250, 0.3, 0.7)).toBe(250);
  });

  it('draws a log-normal with the given median and 90th percentile', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 20_000 }, () => sampleFirstTokenMs({ median: 800, p90: 2400 }, random(), random())).sort((a, b) => a - b);
    expect(draws[10_000]! / 800).toBeGreaterThan(0.95);
    expect(draws[10_000]! / 800).toBeLessThan(1.05);
    expect(draws[18_000]! / 2400).toBeGreaterThan(0.93);
    expect(draws[18_000]! / 2400).toBeLessThan(1.07);
    expect(draws[0]).toBeGreaterThan(0);
  });
});
