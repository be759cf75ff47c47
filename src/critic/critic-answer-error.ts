import { SwarmError } from '../errors/swarm-error.ts';

/** A critic's answer has no score from 0 to 1 or no critique; `answer` is its text. The result it judged stands. */
export class CriticAnswerError extends SwarmError {
  readonly answer: string;

  constructor(problem: string, { answer }: { answer: string }) {
    super('CriticAnswerError', `the critic's answer cannot be read: ${problem}`);
    this.answer = answer;
  }

  static isInstance(error: unknown): error is CriticAnswerError {
    return SwarmError.isInstance(error) && error.name === 'CriticAnswerError';
  }
}
