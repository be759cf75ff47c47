import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createMockModel } from '../model/mock/create-mock-model.ts';
import { CriticAnswerError } from './critic-answer-error.ts';
import { criticSettings } from './critic-settings.ts';
import { critique } from './critique.ts';
import { critiqueNote } from './critique-note.ts';

function answering(text: string): MockLanguageModelV4 {
  const result: LanguageModelV4GenerateResult = {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
    warnings: [],
  };
  return new MockLanguageModelV4({ doGenerate: result });
}

const task = { description: 'List three prime numbers.' };

describe('critique', () => {
  it('reads the score and critique, and passes at or over the threshold', async () => {
    const low = await critique('2, 4, 6', task, { model: answering('{"score": 0.2, "critique": " 4 and 6 are not prime. "}') });
    expect(low).toEqual({ score: 0.2, critique: '4 and 6 are not prime.', pass: false });
    expect((await critique('2, 3, 5', task, { model: answering('{"score": 0.7, "critique": ""}') })).pass).toBe(true);
    expect((await critique('2, 3, 5', task, { model: answering('{"score": 0.7, "critique": ""}'), threshold: 0.71 })).pass).toBe(false);
    expect((await critique('2, 3', task, { model: answering('{"score": 0.5, "critique": "two"}'), threshold: 0.5 })).pass).toBe(true);
  });

  it('reads a numeric string and fenced JSON, and refuses scores it cannot read', async () => {
    expect((await critique('x', task, { model: answering('```json\n{"score": "0.9", "critique": "fine"}\n```') })).score).toBe(0.9);
    for (const [text, problem] of [
      ['{"score": 8, "critique": "good"}', 'score 8 is not between 0 and 1'],
      ['{"score": "high", "critique": "good"}', 'score is "high", not a number'],
      ['{"score": 0.5}', 'it has no critique'],
      ['[0.5]', 'it is not a JSON object'],
    ]) {
      const error = await critique('x', task, { model: answering(text!) }).catch((caught: unknown) => caught);
      expect(CriticAnswerError.isInstance(error), text).toBe(true);
      expect((error as CriticAnswerError).message).toBe(`the critic's answer cannot be read: ${problem}`);
      expect((error as CriticAnswerError).answer).toBe(text);
    }
  });

  it('asks with the task, the result and the score schema; on mock answers a valid score', async () => {
    const model = answering('{"score": 1, "critique": "ok"}');
    await critique({ primes: [2, 3, 5] }, task, { model });
    const call = model.doGenerateCalls[0]!;
    expect(JSON.stringify(call.prompt)).toContain('List three prime numbers.');
    expect(JSON.stringify(call.prompt)).toContain('\\"primes\\"');
    expect(call.responseFormat).toMatchObject({ type: 'json', schema: { required: ['score', 'critique'] } });
    const mock = await critique('2, 3, 5', task, { model: createMockModel() });
    expect(mock.score).toBeGreaterThanOrEqual(0);
    expect(mock.score).toBeLessThanOrEqual(1);
    await expect(critique('x', task, { model, threshold: 7 })).rejects.toThrow("the critic's threshold must be a number from 0 to 1, got 7");
  });

  it('critiqueNote asks for the task again with the critique; criticSettings applies the default threshold', () => {
    expect(critiqueNote(' 4 is not prime.\n')).toBe('An earlier answer to this task was reviewed and fell short:\n4 is not prime.\n\nAnswer the task again, addressing the review.');
    expect(criticSettings({})).toBeUndefined();
    expect(criticSettings({ critic: false })).toBeUndefined();
    expect(criticSettings({ critic: true })).toEqual({ model: undefined, threshold: 0.7 });
    expect(criticSettings({ critic: { model: 'fast', threshold: 0.9 } })).toEqual({ model: 'fast', threshold: 0.9 });
    expect(criticSettings({ critic: { model: 'fast' } })).toEqual({ model: 'fast', threshold: 0.7 });
  });
});
