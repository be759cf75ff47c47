import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';
import { acceptsNull } from './accepts-null.ts';
import { isSchemaNode } from './is-schema-node.ts';
import type { SchemaNode } from './provider-schema.ts';
import { describesArrays, describesObjects } from './schema-types.ts';

/**
 * Takes out of an answer, in place, every null given for a property its schema leaves optional and
 * does not let be null: the strict form asks for such properties as nullable, and null is how
 * the model says "absent". Walks `value` beside `schema` (the schema as written: properties,
 * items, `$ref`s, `allOf` parts, and for `anyOf`/`oneOf` the branch that fits the value best).
 * Returns `value`.
 */
export function dropNullOptionals<T>(value: T, schema: unknown): T {
  const root = schema;
  const resolve = (ref: string) => resolveSchemaRef(root, ref);
  const visit = (item: unknown, node: unknown, depth: number): void => {
    if (depth > 64 || item === null || typeof item !== 'object' || !isSchemaNode(node)) return;
    if (typeof node.$ref === 'string') visit(item, resolve(node.$ref), depth + 1);
    if (Array.isArray(node.allOf)) for (const part of node.allOf) visit(item, part, depth + 1);
    const branches = [node.anyOf, node.oneOf].find(Array.isArray);
    if (branches !== undefined) visit(item, bestBranch(item, branches, resolve), depth + 1);
    if (Array.isArray(item)) {
      if (Array.isArray(node.prefixItems)) item.forEach((entry, index) => visit(entry, (node.prefixItems as unknown[])[index] ?? node.items, depth + 1));
      else if (Array.isArray(node.items)) item.forEach((entry, index) => visit(entry, (node.items as unknown[])[index] ?? node.additionalItems, depth + 1));
      else for (const entry of item) visit(entry, node.items, depth + 1);
      return;
    }
    if (!isSchemaNode(node.properties)) return;
    const record = item as Record<string, unknown>;
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, property] of Object.entries(node.properties)) {
      if (!Object.hasOwn(record, name)) continue;
      if (record[name] === null && !required.has(name) && !acceptsNull(property, resolve)) delete record[name];
      else visit(record[name], property, depth + 1);
    }
  };
  visit(value, schema, 0);
  return value;
}

/** The branch of a union a value most likely answered: same kind (object, array), the most of its keys named. */
function bestBranch(item: object, branches: unknown[], resolve: (ref: string) => unknown): unknown {
  let best: unknown;
  let bestScore = -1;
  for (const branch of branches) {
    const node = isSchemaNode(branch) && typeof branch.$ref === 'string' ? resolve(branch.$ref) : branch;
    if (!isSchemaNode(node)) continue;
    const fits = Array.isArray(item) ? describesArrays(node) : describesObjects(node);
    if (!fits) continue;
    const names = isSchemaNode(node.properties) ? node.properties : {};
    const score = Array.isArray(item) ? 0 : Object.keys(item).filter((key) => Object.hasOwn(names, key)).length;
    if (score > bestScore) [best, bestScore] = [node, score];
  }
  return best;
}
