/**
 * The schema a local `$ref` (`#`, `#/$defs/Name`, `#/definitions/Name`, any JSON pointer) points
 * to inside `root`; `true` (anything) when it cannot be followed, e.g. a remote ref.
 */
export function resolveSchemaRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return true;
  let node = root;
  for (const segment of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return true;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
