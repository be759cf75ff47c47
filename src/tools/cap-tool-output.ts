/** Every tool's output is a string or JSON-able value capped at this many characters. */
export const maxToolOutputCharacters = 32_000;

/**
 * `text` cut to `maxCharacters`, with a last line saying how much was cut and, when given, how to
 * get the rest (`hint`). The note counts toward the cap.
 */
export function capText(text: string, { maxCharacters = maxToolOutputCharacters, hint = '' }: { maxCharacters?: number; hint?: string } = {}): string {
  if (text.length <= maxCharacters) return text;
  const note = (kept: number) => `\n[output cut: ${text.length - kept} of ${text.length} characters not shown${hint ? `; ${hint}` : ''}]`;
  // The note's length depends on the count it prints; reserve room for the longest count.
  const kept = Math.max(0, maxCharacters - note(text.length).length);
  return text.slice(0, kept) + note(kept);
}
