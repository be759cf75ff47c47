import { InvalidInputError } from '../errors/invalid-input-error.ts';

/** Throws an InvalidInputError with the line when `text` is not strict JSON. */
export function checkJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new InvalidInputError(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '')}`, { file, line });
  }
}
