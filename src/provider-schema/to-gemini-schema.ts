import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';
import { isSchemaNode } from './is-schema-node.ts';
import { keepKeywords } from './keep-keywords.ts';
import { NotExpressibleError } from './not-expressible-error.ts';
import type { ProviderSchema, SchemaNode } from './provider-schema.ts';
import { rewriteSchema } from './rewrite-schema.ts';

// The keywords Gemini's `responseJsonSchema` takes; the rest goes into descriptions.
const kept = new Set([
  '$defs', '$ref', '$anchor', 'type', 'format', 'title', 'enum', 'items', 'prefixItems', 'minItems', 'maxItems', 'minimum', 'maximum',
  'anyOf', 'properties', 'additionalProperties', 'required', 'propertyOrdering',
]);

/**
 * A schema in the subset Gemini's `responseJsonSchema` takes: `const` as a one-value enum, enums of
 * other than strings and numbers, and every keyword outside the subset (`minLength`, `pattern`,
 * `exclusiveMinimum`, `default`…) moved into descriptions; a `$ref` alone (Gemini refuses
 * keywords beside it); `definitions` read as `$defs`; `allOf` merged, `oneOf` read as `anyOf`;
 * tuples in `prefixItems`. Optional properties stay optional and objects may stay open. A schema
 * that recurses through required properties only (Gemini unrolls recursion only where it may stop)
 * comes back as written, `strict: false`.
 */
export function toGeminiSchema(schema: SchemaNode): ProviderSchema {
  try {
    checkRequiredRecursion(schema);
    const { definitions, ...rest } = schema;
    const root = isSchemaNode(definitions) ? { ...rest, $defs: { ...definitions, ...(isSchemaNode(rest.$defs) ? rest.$defs : {}) } } : schema;
    return { schema: rewriteSchema(root, geminiNode), strict: true };
  } catch (error) {
    if (!NotExpressibleError.isInstance(error)) throw error;
    return { schema, strict: false, notStrictReason: error.message };
  }
}

function geminiNode(node: SchemaNode): SchemaNode {
  if (typeof node.$ref === 'string') {
    const $ref = node.$ref.replace(/^#\/definitions\//, '#/$defs/');
    return { $ref, ...(node.$defs === undefined ? {} : { $defs: node.$defs }) };
  }
  const plain = (value: unknown) => typeof value === 'string' || typeof value === 'number';
  const { const: constant, ...rest } = node;
  const withEnum = 'const' in node && plain(constant) ? { ...rest, enum: [constant] } : node;
  const result = keepKeywords(withEnum, (keyword, value) => kept.has(keyword) && (keyword !== 'enum' || (Array.isArray(value) && value.every(plain))));
  if (Array.isArray(node.items)) {
    result.prefixItems = result.prefixItems ?? node.items;
    delete result.items;
  }
  return result;
}

/** Gemini takes a recursive `$ref` only where the recursion may stop: not through required properties alone. */
function checkRequiredRecursion(root: SchemaNode): void {
  const visit = (node: unknown, refs: ReadonlySet<string>): void => {
    if (!isSchemaNode(node)) return;
    if (typeof node.$ref === 'string') {
      if (refs.has(node.$ref)) throw new NotExpressibleError(`a schema that recurses through required properties (${node.$ref})`);
      visit(resolveSchemaRef(root, node.$ref), new Set([...refs, node.$ref]));
    }
    const required = new Set(Array.isArray(node.required) ? node.required : []);
    if (isSchemaNode(node.properties)) for (const [name, child] of Object.entries(node.properties)) if (required.has(name)) visit(child, refs);
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
      const branches = node[keyword];
      // Every branch of a union would have to recurse for it never to stop; allOf parts all apply.
      if (Array.isArray(branches) && (keyword === 'allOf' || branches.length === 1)) branches.forEach((branch) => visit(branch, refs));
    }
  };
  visit(root, new Set());
}
