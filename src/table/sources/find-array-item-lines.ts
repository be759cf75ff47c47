/**
 * Returns the 1-based line on which each item of a top-level JSON array starts. `text` must be
 * valid JSON (parse it first): the scan only tracks nesting and strings, it does not validate.
 */
export function findArrayItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let expectingItem = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a) {
      line++;
    } else if (code === 0x20 || code === 0x09 || code === 0x0d || code === 0xfeff) {
      // whitespace (and a byte-order mark) never starts an item
    } else if (code === 0x5d || code === 0x7d) {
      // `]` or `}`; a `]` right after `[` or `,` closes the array rather than starting an item
      depth--;
      expectingItem = false;
    } else {
      if (expectingItem && depth === 1) {
        lines.push(line);
        expectingItem = false;
      }
      if (code === 0x5b || code === 0x7b) {
        depth++;
        if (depth === 1 && code === 0x5b) expectingItem = true;
      } else if (code === 0x2c) {
        if (depth === 1) expectingItem = true;
      } else if (code === 0x22) {
        // Skip the string: a backslash escapes the next character, so `\"` does not end it; valid JSON
        // strings hold no raw newlines, so no line is missed.
        for (index++; index < text.length; index++) {
          const inner = text.charCodeAt(index);
          if (inner === 0x5c) index++;
          else if (inner === 0x22) break;
        }
      }
    }
  }
  return lines;
}
