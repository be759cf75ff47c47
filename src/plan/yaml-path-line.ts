import type { Document, LineCounter, Node } from 'yaml';
import { yamlLibrary } from '../config/yaml-library.ts';

/**
 * The line of the node at `keyPath` in a parsed YAML document (for a mapping's key, the key's own
 * line; for a list item, the item's), or of its nearest enclosing node that exists. Undefined for
 * the document itself.
 */
export function yamlPathLine(document: Document, lineCounter: LineCounter, keyPath: readonly PropertyKey[]): number | undefined {
  const { isMap, isSeq } = yamlLibrary();
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const key of keyPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value ?? item.key) === String(key));
      if (pair === undefined) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(key)] as Node | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
