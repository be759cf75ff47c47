/** At most this many items are listed, so a glob over a whole repository still gives a readable error. */
const maxListedItems = 50;

/**
 * Builds "summary: item" for one item, or "summary:" followed by one indented item per line,
 * ending with "… and N more" past 50 items.
 */
export function formatProblemList(summary: string, items: string[]): string {
  if (items.length === 1) return `${summary}: ${items[0]}`;
  const listed = items.slice(0, maxListedItems).map((item) => `\n  ${item}`);
  const more = items.length > maxListedItems ? `\n  … and ${items.length - maxListedItems} more` : '';
  return `${summary}:${listed.join('')}${more}`;
}
