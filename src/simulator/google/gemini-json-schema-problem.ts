import { isRecord } from '../is-record.ts';

/**
 * Why Gemini refuses a `responseJsonSchema` (it answers only "Request contains an invalid
 * argument."), or undefined when it takes it: a `$ref` with keywords beside it other than `$`
 * ones ("If $ref is set on a sub-schema, no other properties, except for than those starting as a
 * $, may be set."), or a recursion through required properties only ("Cyclic references are
 * unrolled to a limited degree and, as such, may only be used within non-required properties.").
 */
export function geminiJsonSchemaProblem(schema: unknown): string | undefined {
  const beside = (node: unknown): string | undefined => {
    if (Array.isArray(node)) return node.map(beside).find((found) => found !== undefined);
    if (!isRecord(node)) return undefined;
    if (typeof node.$ref === 'string') {
      const others = Object.keys(node).filter((keyword) => !keyword.startsWith('$'));
      if (others.length > 0) return `a $ref with ${others.join(', ')} beside it`;
    }
    for (const keyword of ['properties', '$defs']) if (isRecord(node[keyword])) {
      const found = beside(Object.values(node[keyword]));
      if (found !== undefined) return found;
    }
    return beside([node.items, node.prefixItems, node.anyOf, node.oneOf, node.additionalProperties]);
  };
  const refused = beside(schema);
  if (refused !== undefined) return refused;
  const recursion = (node: unknown, refs: ReadonlySet<string>): string | undefined => {
    if (!isRecord(node)) return undefined;
    if (typeof node.$ref === 'string') {
      if (refs.has(node.$ref)) return `${node.$ref} recurses through required properties`;
      return recursion(resolve(schema, node.$ref), new Set([...refs, node.$ref]));
    }
    const required = Array.isArray(node.required) ? node.required : [];
    if (!isRecord(node.properties)) return undefined;
    for (const [name, child] of Object.entries(node.properties)) {
      const found = required.includes(name) ? recursion(child, refs) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return recursion(schema, new Set());
}

function resolve(root: unknown, ref: string): unknown {
  let node = root;
  for (const segment of ref.slice(1).split('/').slice(1)) node = isRecord(node) ? node[segment.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  return node;
}
