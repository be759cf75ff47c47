/** The simulator's token count for text: one token per four characters, rounded up, as the mock model counts. */
export function countTokens(characters: number): number {
  return Math.ceil(characters / 4);
}
