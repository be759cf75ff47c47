import { isSchemaNode } from './is-schema-node.ts';
import { mergeAllOf } from './merge-all-of.ts';
import { NotExpressibleError } from './not-expressible-error.ts';
import type { SchemaNode } from './provider-schema.ts';

/** Where a node sits in a schema: the keys from the root, as in a JSON pointer. */
export type SchemaPath = readonly string[];

/** Puts one node, its subschemas already rewritten, into a provider's form. */
export type RewriteNode = (node: SchemaNode, path: SchemaPath) => SchemaNode;

// Keywords whose value is a map of subschemas, or one subschema.
const schemaMaps = ['properties', 'patternProperties', '$defs', 'definitions'];
const schemaValues = ['additionalProperties', 'additionalItems'];

/**
 * Rewrites a schema from the leaves up: `allOf` parts merged into their node, `oneOf` read as
 * `anyOf` (no provider enforces "exactly one"), each subschema (properties, items, branches,
 * definitions) rewritten, then the node itself by `rewriteNode`. Keywords holding subschemas no
 * provider takes (`not`, `if`, `dependentSchemas`…) are left as written, for `rewriteNode` to
 * move into the description. `true` reaches `rewriteNode` as `{}`; `false`, a property that must
 * never appear, has no provider form.
 */
export function rewriteSchema(root: SchemaNode, rewriteNode: RewriteNode): SchemaNode {
  const rewrite = (schema: unknown, path: SchemaPath): unknown => {
    if (schema === true) return rewriteNode({}, path);
    if (!isSchemaNode(schema)) throw new NotExpressibleError(`a schema that allows nothing at ${pointer(path)}`);
    if (typeof schema.$ref === 'string' && !schema.$ref.startsWith('#')) {
      throw new NotExpressibleError(`a $ref to another document (${schema.$ref})`);
    }
    const { oneOf, ...node } = mergeAllOf(schema, root);
    if (Array.isArray(oneOf)) node.anyOf = [...(Array.isArray(node.anyOf) ? node.anyOf : []), ...oneOf];
    for (const keyword of schemaMaps) {
      const map = node[keyword];
      if (isSchemaNode(map)) node[keyword] = Object.fromEntries(Object.entries(map).map(([name, child]) => [name, rewrite(child, [...path, keyword, name])]));
    }
    for (const keyword of schemaValues) {
      if (isSchemaNode(node[keyword])) node[keyword] = rewrite(node[keyword], [...path, keyword]);
    }
    if (node.items !== undefined && typeof node.items !== 'boolean') {
      node.items = Array.isArray(node.items) ? node.items.map((item, index) => rewrite(item, [...path, 'items', String(index)])) : rewrite(node.items, [...path, 'items']);
    }
    for (const keyword of ['prefixItems', 'anyOf']) {
      const list = node[keyword];
      if (Array.isArray(list)) node[keyword] = list.map((branch, index) => rewrite(branch, [...path, keyword, String(index)]));
    }
    return rewriteNode(node, path);
  };
  return rewrite(root, []) as SchemaNode;
}

/** A path as a JSON pointer, `/` for the root. */
export function pointer(path: SchemaPath): string {
  return path.length === 0 ? '/' : `/${path.join('/')}`;
}
