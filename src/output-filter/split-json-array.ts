/** One candidate record cut from an output file: its text and the line it starts on (from 1). */
export interface RecordText {
  text: string;
  line: number;
}

/**
 * Cuts a JSON file into the texts of its top-level array elements without parsing them, so the
 * file streams in chunks and each element is repaired and checked on its own: one broken
 * element does not lose the rest. A file that is not an array is one element. A truncated array
 * (its writer died mid-file) yields what it holds; the last element is cut short.
 */
export async function* splitJsonArray(chunks: AsyncIterable<string>): AsyncGenerator<RecordText> {
  // Asserted, not annotated: TypeScript would keep 'before' as its type after the for-await loop.
  let mode = 'before' as 'before' | 'between' | 'element' | 'whole' | 'after';
  let line = 1;
  let startLine = 1;
  let parts: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;

  const take = (): RecordText => {
    const text = parts.join('').trim();
    parts = [];
    return { text, line: startLine };
  };
  /** Follows strings and nesting inside an element; true when `char` ends it at the top level. */
  const endsElement = (char: string): boolean => {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if ((char === '}' || char === ']') && depth > 0) depth--;
    else if (depth === 0 && (char === ',' || char === ']')) return true;
    return false;
  };

  for await (const chunk of chunks) {
    const ready: RecordText[] = [];
    let from = 0;
    for (let index = 0; index < chunk.length; index++) {
      const char = chunk[index]!;
      if (mode === 'element') {
        if (endsElement(char)) {
          parts.push(chunk.slice(from, index));
          ready.push(take());
          mode = char === ',' ? 'between' : 'after';
        }
      } else if ((mode === 'before' || mode === 'between') && !isWhitespace(char)) {
        if (mode === 'before' && char === '[') mode = 'between';
        else if (mode === 'between' && char === ']') mode = 'after';
        else if (mode === 'between' && char === ',') {
          // An empty element (`[a,,b]`): nothing to keep.
        } else {
          mode = mode === 'before' ? 'whole' : 'element';
          startLine = line;
          from = index;
          depth = 0;
          inString = false;
          escaped = false;
          if (mode === 'element') endsElement(char);
        }
      }
      if (char === '\n') line++;
    }
    if (mode === 'element' || mode === 'whole') parts.push(chunk.slice(from));
    yield* ready;
  }
  if (mode === 'element' || mode === 'whole') {
    const last = take();
    if (last.text !== '') yield last;
  }
}

function isWhitespace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t' || char === '\uFEFF';
}
