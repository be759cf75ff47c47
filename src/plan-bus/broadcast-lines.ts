/** The prefix of a result line that publishes it to later tasks of the run (Hivemind's message bus). */
export const broadcastPrefix = 'BROADCAST:';

// A finding is a line, not a document.
const maxBroadcastCharacters = 1000;

/**
 * The findings a result broadcasts: each line that starts with `BROADCAST:` (after spaces), the
 * rest of the line trimmed, empty ones left out. An object result is searched in every string it
 * holds, in key order.
 */
export function broadcastLines(result: unknown): string[] {
  const lines: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      for (const line of value.split(/\r?\n/)) {
        const trimmed = line.trimStart();
        if (!trimmed.startsWith(broadcastPrefix)) continue;
        const finding = trimmed.slice(broadcastPrefix.length).trim().slice(0, maxBroadcastCharacters);
        if (finding !== '') lines.push(finding);
      }
    } else if (value !== null && typeof value === 'object' && depth < 16) {
      for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item, depth + 1);
    }
  };
  visit(result, 0);
  return lines;
}
