import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';
import { isSchemaNode } from './is-schema-node.ts';
import { NotExpressibleError } from './not-expressible-error.ts';
import type { SchemaNode } from './provider-schema.ts';

/**
 * A node with the parts of its `allOf` merged into it, local `$ref` parts followed: properties
 * and `required` joined, other keywords taken when no part says otherwise. None of the providers
 * enforces `allOf` as written (OpenAI refuses it, Anthropic refuses it around a `$ref`, Gemini
 * ignores it). Two parts that disagree on a keyword cannot be merged: NotExpressibleError.
 */
export function mergeAllOf(node: SchemaNode, root: SchemaNode, refs: ReadonlySet<string> = new Set()): SchemaNode {
  const { allOf, ...merged } = node;
  if (!Array.isArray(allOf)) return node;
  for (const entry of allOf) {
    const ref = isSchemaNode(entry) && typeof entry.$ref === 'string' ? entry.$ref : undefined;
    if (ref !== undefined && refs.has(ref)) throw new NotExpressibleError(`an allOf that includes itself (${ref})`);
    const part = followRef(entry, root);
    if (part === true) continue;
    if (!isSchemaNode(part)) throw new NotExpressibleError('an allOf with a part that allows nothing');
    for (const [keyword, value] of Object.entries(mergeAllOf(part, root, ref === undefined ? refs : new Set([...refs, ref])))) {
      if (keyword === 'properties' && isSchemaNode(value)) {
        const properties: SchemaNode = { ...(isSchemaNode(merged.properties) ? merged.properties : {}) };
        for (const [name, schema] of Object.entries(value)) {
          if (Object.hasOwn(properties, name) && !same(properties[name], schema)) throw disagree(`property "${name}"`);
          properties[name] = schema;
        }
        merged.properties = properties;
      } else if (keyword === 'required' && Array.isArray(value)) {
        merged.required = [...new Set([...(Array.isArray(merged.required) ? merged.required : []), ...value])];
      } else if (keyword === 'description' || keyword === 'title' || keyword === '$defs' || keyword === 'definitions') {
        // Annotations of the node itself come first; a part's definitions stay where its refs point.
        merged[keyword] ??= value;
      } else if (Object.hasOwn(merged, keyword) && !same(merged[keyword], value)) {
        throw disagree(`"${keyword}"`);
      } else {
        merged[keyword] = value;
      }
    }
  }
  return merged;
}

function followRef(entry: unknown, root: SchemaNode): unknown {
  if (!isSchemaNode(entry) || typeof entry.$ref !== 'string') return entry;
  if (!entry.$ref.startsWith('#')) throw new NotExpressibleError(`a $ref to another document (${entry.$ref})`);
  const { $ref, ...siblings } = entry;
  const target = resolveSchemaRef(root, $ref);
  return Object.keys(siblings).length === 0 ? target : { allOf: [target, siblings] };
}

function same(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function disagree(what: string): NotExpressibleError {
  return new NotExpressibleError(`an allOf whose parts disagree on ${what}`);
}
