import { describe, expect, it } from 'vitest';
import type { PassResult } from '../../pass/pass-result.ts';
import { describePassResult } from './describe-pass-result.ts';

const result: PassResult = {
  passId: 'p1',
  completed: 2,
  failed: 0,
  skipped: 0,
  pending: 0,
  failures: [],
  usage: { calls: 1, rateLimited: 0, cached: 0, retries: 0, inputTokens: 10, outputTokens: 5, cost: undefined },
};

describe('describePassResult', () => {
  it('says each warning of the pass once, on its own line', () => {
    const warning = 'the response schema has no form OpenAI enforces (a value of any type at /properties/any), so calls send it without strict mode';
    const text = describePassResult({ ...result, warnings: [warning] }, { tableId: 't1', model: 'openai:gpt-4o-mini', elapsedSeconds: 1 });
    expect(text.split('\n').filter((line) => line.includes(warning))).toEqual([`Warning: ${warning}`]);
    expect(describePassResult(result, { tableId: 't1', model: 'openai:gpt-4o-mini', elapsedSeconds: 1 })).not.toContain('Warning');
  });
});
