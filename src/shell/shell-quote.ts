/**
 * `value` as one shell word that the shell takes literally: wrapped in single quotes, each single
 * quote inside written `'\''` (close, an escaped quote, reopen). Nothing in a single-quoted word is
 * special to `sh`: not `$`, backticks, `;`, newlines or globs.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
