import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';
import { acceptsNull } from './accepts-null.ts';
import { checkOpenAILimits } from './check-openai-limits.ts';
import { isSchemaNode } from './is-schema-node.ts';
import { keepKeywords } from './keep-keywords.ts';
import { NotExpressibleError } from './not-expressible-error.ts';
import type { ProviderSchema, SchemaNode } from './provider-schema.ts';
import { pointer, rewriteSchema, type SchemaPath } from './rewrite-schema.ts';
import { constrainsType, describesArrays, describesObjects, typesOf } from './schema-types.ts';

// What OpenAI's strict mode takes (its "supported schemas"); other keywords go into descriptions.
const kept = new Set([
  'type', 'title', 'enum', 'const', 'anyOf', '$ref', '$defs', 'definitions', 'properties', 'required', 'additionalProperties', 'items',
  'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
]);
const formats = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/**
 * A schema in OpenAI's strict form: every object closed (`additionalProperties: false`) with all
 * its properties required, the optional ones made nullable (a null answer stands for "absent";
 * `dropNullOptionals` takes it out again); keywords strict mode refuses (`default`, `not`,
 * `if`/`then`/`else`, formats it does not know…) moved into descriptions; `allOf` merged, `oneOf`
 * read as `anyOf`. A schema with no strict form (a free-form object, a value of any type, a tuple,
 * a size limit passed) comes back as written, `strict: false`, with the reason.
 */
export function toOpenAISchema(schema: SchemaNode): ProviderSchema {
  try {
    if (!describesObjects(schema) || Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
      throw new NotExpressibleError('a root that is not an object');
    }
    const resolve = (ref: string) => resolveSchemaRef(schema, ref);
    const sent = rewriteSchema(schema, (node, path) => strictNode(node, path, resolve));
    checkOpenAILimits(sent);
    return { schema: sent, strict: true };
  } catch (error) {
    if (!NotExpressibleError.isInstance(error)) throw error;
    return { schema, strict: false, notStrictReason: error.message };
  }
}

function strictNode(node: SchemaNode, path: SchemaPath, resolve: (ref: string) => unknown): SchemaNode {
  if (typeof node.$ref === 'string') {
    // Strict mode reads a reference alone; what stands beside it is said by the referenced schema.
    const { $ref, $defs, definitions } = node;
    return { $ref, ...($defs === undefined ? {} : { $defs }), ...(definitions === undefined ? {} : { definitions }) };
  }
  const result = keepKeywords(node, (keyword, value) => kept.has(keyword) && (keyword !== 'format' || formats.has(value as string)));
  if (!constrainsType(result)) throw new NotExpressibleError(`a value of any type at ${pointer(path)}`);
  if (describesObjects(result)) closeObject(node, result, path, resolve);
  if (describesArrays(result)) {
    if (Array.isArray(node.items) || Array.isArray(node.prefixItems)) throw new NotExpressibleError(`a tuple at ${pointer(path)}`);
    if (!isSchemaNode(node.items)) throw new NotExpressibleError(`an array whose items may be anything at ${pointer(path)}`);
  }
  return result;
}

/** Every property required, optional ones nullable, and no others allowed. */
function closeObject(node: SchemaNode, result: SchemaNode, path: SchemaPath, resolve: (ref: string) => unknown): void {
  const where = pointer(path);
  if (isSchemaNode(node.patternProperties)) throw new NotExpressibleError(`an object with patternProperties at ${where}`);
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) {
    throw new NotExpressibleError(`an object that allows properties it does not name at ${where}`);
  }
  const properties = isSchemaNode(node.properties) ? node.properties : {};
  if (Object.keys(properties).length === 0 && node.additionalProperties !== false) {
    throw new NotExpressibleError(`an object with no properties (any keys allowed) at ${where}`);
  }
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  for (const name of required) {
    if (!Object.hasOwn(properties, name as string)) throw new NotExpressibleError(`a required property without a schema ("${String(name)}") at ${where}`);
  }
  result.properties = Object.fromEntries(
    Object.entries(properties).map(([name, child]) => [name, required.has(name) ? child : nullable(child as SchemaNode, resolve)]),
  );
  result.required = Object.keys(properties);
  result.additionalProperties = false;
  const types = typesOf(result);
  if (types.length === 0) result.type = 'object';
}

/** The schema, or null. */
function nullable(schema: SchemaNode, resolve: (ref: string) => unknown): SchemaNode {
  if (acceptsNull(schema, resolve)) return schema;
  const types = typesOf(schema);
  if (Array.isArray(schema.anyOf) && types.length === 0) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  if (types.length === 0 || 'const' in schema) return { anyOf: [schema, { type: 'null' }] };
  return { ...schema, type: [...types, 'null'], ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}) };
}
