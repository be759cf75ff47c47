import { isSchemaNode } from './is-schema-node.ts';
import type { SchemaNode } from './provider-schema.ts';

const maps = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const values = ['items', 'additionalProperties', 'additionalItems', 'contains', 'not', 'if', 'then', 'else', 'propertyNames'];
const lists = ['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items'];

/** The schemas directly inside a node (properties, items, branches, definitions…), without following `$ref`. */
export function subschemasOf(node: SchemaNode): unknown[] {
  const found: unknown[] = [];
  for (const keyword of maps) if (isSchemaNode(node[keyword])) found.push(...Object.values(node[keyword] as SchemaNode));
  for (const keyword of values) if (isSchemaNode(node[keyword])) found.push(node[keyword]);
  for (const keyword of lists) if (Array.isArray(node[keyword])) found.push(...(node[keyword] as unknown[]));
  return found;
}
