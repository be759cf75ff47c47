import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';
import { isSchemaNode } from './is-schema-node.ts';
import { keepKeywords } from './keep-keywords.ts';
import { NotExpressibleError } from './not-expressible-error.ts';
import type { ProviderSchema, SchemaNode } from './provider-schema.ts';
import { pointer, rewriteSchema, type SchemaPath } from './rewrite-schema.ts';
import { subschemasOf } from './subschemas-of.ts';
import { constrainsType, describesArrays, describesObjects, typesOf } from './schema-types.ts';

// What Anthropic's structured outputs take (its "JSON Schema limitations"); the rest goes into descriptions.
const kept = new Set([
  'type', 'title', 'enum', 'const', 'default', 'anyOf', '$ref', '$defs', 'definitions', 'properties', 'required', 'additionalProperties',
  'items', 'pattern', 'format', 'minItems',
]);
const formats = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid']);
// Backreferences, lookaround and word boundaries are outside the regex subset it takes.
const unsupportedPattern = /\\[1-9bBk]|\(\?<?[=!]/;
// Anthropic's documented limits across the strict schemas of one request.
const maxOptionalProperties = 24;
const maxUnionProperties = 16;

/**
 * A schema in the form Anthropic's structured outputs take: every object closed
 * (`additionalProperties: false`), optional properties left optional, numeric, length and
 * item-count bounds (but `minItems` 0 or 1) moved into descriptions, as are formats and patterns it
 * does not know; `allOf` merged and `oneOf` read as `anyOf`. A schema with no such form (a
 * free-form object, a recursive schema, a tuple, an enum of objects, more optional or union-typed
 * properties than it allows) comes back as written, `strict: false`, with the reason.
 */
export function toAnthropicSchema(schema: SchemaNode): ProviderSchema {
  try {
    const sent = rewriteSchema(schema, anthropicNode);
    checkRecursion(schema);
    checkCounts(sent);
    return { schema: sent, strict: true };
  } catch (error) {
    if (!NotExpressibleError.isInstance(error)) throw error;
    return { schema, strict: false, notStrictReason: error.message };
  }
}

function anthropicNode(node: SchemaNode, path: SchemaPath): SchemaNode {
  const where = pointer(path);
  const result = keepKeywords(node, (keyword, value) => {
    if (keyword === 'format') return formats.has(value as string);
    if (keyword === 'pattern') return typeof value === 'string' && !unsupportedPattern.test(value);
    if (keyword === 'minItems') return value === 0 || value === 1;
    return kept.has(keyword);
  });
  if (typeof node.$ref === 'string') return result;
  if (!constrainsType(result)) throw new NotExpressibleError(`a value of any type at ${where}`);
  if (Array.isArray(node.enum) && node.enum.some((value) => typeof value === 'object' && value !== null)) {
    throw new NotExpressibleError(`an enum of objects or arrays at ${where}`);
  }
  if (describesObjects(result)) {
    if (isSchemaNode(node.patternProperties)) throw new NotExpressibleError(`an object with patternProperties at ${where}`);
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) {
      throw new NotExpressibleError(`an object that allows properties it does not name at ${where}`);
    }
    if (!isSchemaNode(node.properties) && node.additionalProperties !== false) {
      throw new NotExpressibleError(`an object with no properties (any keys allowed) at ${where}`);
    }
    result.additionalProperties = false;
    if (typesOf(result).length === 0) result.type = 'object';
  }
  if (describesArrays(result)) {
    if (Array.isArray(node.items) || Array.isArray(node.prefixItems)) throw new NotExpressibleError(`a tuple at ${where}`);
    if (!isSchemaNode(node.items)) throw new NotExpressibleError(`an array whose items may be anything at ${where}`);
  }
  return result;
}

/** Anthropic refuses recursive schemas: a `$ref` that leads back to itself. */
function checkRecursion(root: SchemaNode): void {
  const visit = (node: unknown, refs: ReadonlySet<string>): void => {
    if (!isSchemaNode(node)) return;
    if (typeof node.$ref === 'string') {
      if (refs.has(node.$ref)) throw new NotExpressibleError(`a recursive schema (${node.$ref} refers to itself)`);
      visit(resolveSchemaRef(root, node.$ref), new Set([...refs, node.$ref]));
    }
    for (const child of subschemasOf(node)) visit(child, refs);
  };
  visit(root, new Set());
}

/** Optional properties and properties with a union type, against Anthropic's totals. */
function checkCounts(schema: SchemaNode): void {
  let optional = 0;
  let unions = 0;
  const visit = (node: unknown): void => {
    if (!isSchemaNode(node)) return;
    if (isSchemaNode(node.properties)) {
      const required = new Set(Array.isArray(node.required) ? node.required : []);
      for (const [name, child] of Object.entries(node.properties)) {
        if (!required.has(name)) optional++;
        if (isSchemaNode(child) && (Array.isArray(child.anyOf) || (Array.isArray(child.type) && child.type.length > 1))) unions++;
      }
    }
    subschemasOf(node).forEach(visit);
  };
  visit(schema);
  if (optional > maxOptionalProperties) throw new NotExpressibleError(`${optional} optional properties (Anthropic allows ${maxOptionalProperties})`);
  if (unions > maxUnionProperties) throw new NotExpressibleError(`${unions} properties with a union type (Anthropic allows ${maxUnionProperties})`);
}
