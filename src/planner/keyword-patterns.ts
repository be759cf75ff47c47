/** Each alternative as a case-insensitive pattern matching whole words only. */
export function keywordPatterns(...alternatives: string[]): RegExp[] {
  return alternatives.map((source) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'iu'));
}
