import type { LanguageModelV4 } from '@ai-sdk/provider';
import { askForJson } from '../call/ask-for-json.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { criticAnswerSchema } from './critic-answer-schema.ts';
import { readCriticAnswer } from './read-critic-answer.ts';

/** A critic's judgement of a result. */
export interface Critique {
  /** From 0 (useless or wrong) to 1 (complete and correct). */
  score: number;
  /** What is missing or wrong, and how to fix it. */
  critique: string;
  /** The score reached the threshold: the result stands. */
  pass: boolean;
}

/** The score under which a result is run again, unless a task says otherwise. */
export const defaultCriticThreshold = 0.7;

// A critic needs the gist of a long result, not all of it.
const shownResultCharacters = 12_000;

/**
 * Has a (fast) model score a task's result against the task: one structured call answering
 * `{ score, critique }` (`criticAnswerSchema`). `task.description` is the prompt as the task ran
 * (placeholders filled). `pass` is `score >= threshold`. An unreadable answer is a CriticAnswerError.
 */
export async function critique(
  result: unknown,
  task: { description: string },
  { model, threshold = defaultCriticThreshold, abortSignal }: { model: LanguageModelV4; threshold?: number; abortSignal?: AbortSignal },
): Promise<Critique> {
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) throw new InvalidInputError(`the critic's threshold must be a number from 0 to 1, got ${threshold}`);
  const text = typeof result === 'string' ? result : JSON.stringify(result, null, 1);
  const shown = text.length > shownResultCharacters ? `${text.slice(0, shownResultCharacters)}\n… (cut)` : text;
  const answer = await askForJson(model, {
    prompt: [
      {
        role: 'system',
        content:
          'You review the work of another model. Score how well the result does the task, from 0 (useless or wrong) to 1 (complete and correct). ' +
          'In the critique, say what is missing or wrong and how to fix it: specific and brief.',
      },
      { role: 'user', content: [{ type: 'text', text: `Task:\n${task.description}\n\nResult:\n${shown}` }] },
    ],
    schema: criticAnswerSchema,
    abortSignal,
  });
  const { score, critique: said } = readCriticAnswer(answer.value, answer.text);
  return { score, critique: said, pass: score >= threshold };
}
