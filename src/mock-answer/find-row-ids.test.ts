import { describe, expect, it } from 'vitest';
import { findRowIds } from './find-row-ids.ts';

describe('findRowIds', () => {
  it('reads ids from the last user message only, in order', () => {
    expect(
      findRowIds([
        { role: 'system', content: '<row id="not-me">' },
        { role: 'user', content: [{ type: 'text', text: '<row id="old">' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
        { role: 'user', content: [{ type: 'text', text: '<row id="b">1</row>\n<row id="a">2</row>' }, { type: 'text', text: '<row id="c">3</row>' }] },
      ]),
    ).toEqual(['b', 'a', 'c']);
  });

  it('decodes &quot; and JSON escapes in ids', () => {
    const text = '<row id="say &quot;hi&quot;"></row><row id="back\\\\slash"></row><row id="q\\"uote"></row><row id="a&amp;b"></row>';
    expect(findRowIds([{ role: 'user', content: [{ type: 'text', text }] }])).toEqual(['say "hi"', 'back\\slash', 'q"uote', 'a&b']);
  });

  it('finds nothing without rows', () => {
    expect(findRowIds([{ role: 'user', content: [{ type: 'text', text: 'plain prompt' }] }])).toEqual([]);
    expect(findRowIds([])).toEqual([]);
  });
});
