import { describe, expect, it } from 'vitest';
import { builtInPrices } from './built-in-prices.ts';
import { costOf } from './cost-of.ts';
import { findPrice } from './find-price.ts';

describe('costOf', () => {
  it('prices input and output tokens per million', () => {
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 500_000 }, { inputPerMillion: 2.5, outputPerMillion: 10 })).toBeCloseTo(7.5);
    expect(costOf({ inputTokens: 0, outputTokens: 0 }, { inputPerMillion: 1, outputPerMillion: 1 })).toBe(0);
  });

  it('is undefined when the price is unknown', () => {
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, undefined)).toBeUndefined();
  });
});

describe('findPrice', () => {
  it('covers the common models and prices mock at zero', () => {
    expect(Object.keys(builtInPrices).length).toBeGreaterThanOrEqual(13);
    expect(findPrice('openai', 'gpt-4o-mini')).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(findPrice('mock', 'anything')).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    expect(findPrice('openai', 'gpt-unknown')).toBeUndefined();
  });

  it('lets config override exact entries and add wildcards', () => {
    const configPrices = { 'openai:gpt-4o': { inputPerMillion: 1, outputPerMillion: 2 }, 'local:*': { inputPerMillion: 0, outputPerMillion: 0 } };
    expect(findPrice('openai', 'gpt-4o', configPrices)).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
    expect(findPrice('openai', 'gpt-4.1', configPrices)).toEqual(builtInPrices['openai:gpt-4.1']);
    expect(findPrice('local', 'llama3', configPrices)).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
  });

  it('does not match inherited object keys', () => {
    expect(findPrice('constructor', '')).toBeUndefined();
  });
});
