/** Commander parsers for numeric options, each naming what it expects. */
import { InvalidArgumentError } from 'commander';

/** Commander parser for options that take a whole number ≥ 1. */
export function parseWholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return number;
}

/** Commander parser for options that take any number ≥ 0 (an amount, a rate, a port). */
export function parseNonNegative(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return number;
}

/** Commander parser for a TCP port: 1–65535, or 0 for any free one. */
export function parsePort(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) throw new InvalidArgumentError('expected a port, 0 to 65535 (0: any free port)');
  return number;
}
