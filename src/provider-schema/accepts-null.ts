import { isSchemaNode } from './is-schema-node.ts';
import type { SchemaNode } from './provider-schema.ts';
import { typesOf } from './schema-types.ts';

/**
 * Whether a schema node lets a value be null: a `null` type, null in its enum or const, a branch
 * that does, or nothing said about the type at all. A `$ref` is followed through `resolve`.
 */
export function acceptsNull(node: unknown, resolve: (ref: string) => unknown, seen = new Set<string>()): boolean {
  if (node === true) return true;
  if (!isSchemaNode(node)) return false;
  if (typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return false;
    seen.add(node.$ref);
    return acceptsNull(resolve(node.$ref), resolve, seen);
  }
  const branches = [node.anyOf, node.oneOf].find(Array.isArray);
  if (branches !== undefined) return branches.some((branch) => acceptsNull(branch, resolve, seen));
  if (Array.isArray(node.allOf)) return node.allOf.every((part) => acceptsNull(part, resolve, seen));
  if ('const' in node) return node.const === null;
  const types = typesOf(node);
  if (types.length > 0 && !types.includes('null')) return false;
  if (Array.isArray(node.enum)) return node.enum.includes(null);
  return types.includes('null') || !(isSchemaNode(node.properties) || node.items !== undefined);
}
