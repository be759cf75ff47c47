import { InvalidArgumentError } from 'commander';

/** Commander parser for options that take a whole number ≥ 1. */
export function parseWholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return number;
}
