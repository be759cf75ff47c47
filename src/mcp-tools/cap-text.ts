/** `text`, cut to `maxCharacters` with a note saying how much was shown. */
export function capText(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  return `${text.slice(0, maxCharacters)}\n[output cut: ${maxCharacters} of ${text.length} characters shown]`;
}
