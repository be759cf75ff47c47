import { describe, expect, it } from 'vitest';
import { selectStrategy } from './select-strategy.ts';

describe('selectStrategy', () => {
  it.each([
    ['Summarize recent research on swarm intelligence.', 'research', ['research']],
    ['Analyze diffusion models and write a one-page summary.', 'document', ['write', 'one-page', 'summary']],
    ['Find bugs in the parser module of this repository', 'code-analysis', ['bugs', 'module', 'repository']],
    ['Forecast churn from the customers CSV', 'data-science', ['csv', 'forecast', 'churn']],
    ['Run an A/B test of two onboarding variants', 'experiment', ['a/b test', 'variants']],
    ['Benchmark the new code path against the old one', 'experiment', ['benchmark']],
    ['Draft a proposal for the new office', 'document', ['draft', 'proposal']],
  ])('%s → %s', (goal, name, matched) => {
    const selection = selectStrategy(goal)!;
    expect(selection.name).toBe(name);
    expect([...selection.matched].sort()).toEqual([...matched].sort());
  });

  it('matches whole words only, and picks nothing for a goal without keywords', () => {
    expect(selectStrategy('Tell me about otters')).toBeUndefined();
    // "codename" is not "code", "rewrite" is not "write".
    expect(selectStrategy('A codename to rewrite')).toBeUndefined();
  });

  it('gives a tie to the more specific strategy', () => {
    // One research word, one document word: research is the more specific.
    expect(selectStrategy('Summarize the literature')!.name).toBe('research');
    // One code word, one experiment word: experiment.
    expect(selectStrategy('An experiment on the codebase')!.name).toBe('experiment');
  });
});
