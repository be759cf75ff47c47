import { CriticAnswerError } from './critic-answer-error.ts';

/**
 * The score and critique of a critic's answer (parsed JSON). A score written as a numeric string
 * (`"0.8"`) is read as its number, as providers without strict schemas sometimes answer; a score
 * outside 0..1, or a missing one or critique, is a CriticAnswerError.
 */
export function readCriticAnswer(value: unknown, text: string): { score: number; critique: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CriticAnswerError('it is not a JSON object', { answer: text });
  const { score, critique } = value as { score?: unknown; critique?: unknown };
  const number = typeof score === 'string' && score.trim() !== '' ? Number(score) : score;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new CriticAnswerError(`score is ${JSON.stringify(score)}, not a number`, { answer: text });
  if (number < 0 || number > 1) throw new CriticAnswerError(`score ${number} is not between 0 and 1`, { answer: text });
  if (typeof critique !== 'string') throw new CriticAnswerError('it has no critique', { answer: text });
  return { score: number, critique: critique.trim() };
}
