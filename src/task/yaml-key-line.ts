import type { Document, LineCounter } from 'yaml';
import { yamlLibrary } from '../config/yaml-library.ts';

/**
 * The line of the key at `keyPath` in a parsed YAML document, or of its nearest enclosing key when
 * that one is absent (a missing `user_simulator.model` points at `user_simulator:`). Undefined for
 * the top level or a missing top-level key.
 */
export function yamlKeyLine(document: Document, lineCounter: LineCounter, keyPath: readonly PropertyKey[]): number | undefined {
  for (let length = keyPath.length; length > 0; length--) {
    const offset = keyOffset(document, keyPath.slice(0, length));
    if (offset !== undefined) return lineCounter.linePos(offset).line;
  }
  return undefined;
}

function keyOffset(document: Document, keyPath: readonly PropertyKey[]): number | undefined {
  const { isMap, isScalar } = yamlLibrary();
  const parent = keyPath.length === 1 ? document.contents : document.getIn(keyPath.slice(0, -1) as unknown[], true);
  if (!isMap(parent)) return undefined;
  const last = String(keyPath[keyPath.length - 1]);
  const pair = parent.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === last);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}
