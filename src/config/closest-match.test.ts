import { describe, expect, it } from 'vitest';
import { closestMatch } from './closest-match.ts';

describe('closestMatch', () => {
  it('finds a likely typo', () => {
    expect(closestMatch('modle', ['model', 'aliases', 'mock'])).toBe('model');
    expect(closestMatch('baseUrl', ['baseURL', 'apiKeyEnv', 'headers'])).toBe('baseURL');
    expect(closestMatch('opnai', ['openai', 'anthropic'])).toBe('openai');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestMatch('colour', ['model', 'aliases', 'providers', 'prices', 'mock'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});
