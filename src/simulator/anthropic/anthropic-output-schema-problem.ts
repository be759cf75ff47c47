import { isRecord } from '../is-record.ts';

// Bounds structured outputs refuse, by the type they belong to ("JSON Schema limitations").
const refusedBounds: Readonly<Record<string, readonly string[]>> = {
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  string: ['minLength', 'maxLength'],
  array: ['maxItems', 'uniqueItems'],
};

// The documented limits of one request's strict schemas (the same "JSON Schema limitations" page).
const maxOptionalProperties = 24;
const maxUnionProperties = 16;

/**
 * Why Anthropic's structured outputs refuse a schema, in the words of its 400s (after
 * "output_config.format.schema: "), or undefined when they take it: every object must set
 * `additionalProperties` to false; numeric bounds, string lengths, `maxItems` and a `minItems`
 * other than 0 or 1 are not supported; recursive schemas are not, nor more than 24 optional or 16
 * union-typed properties. (The wording of those last three 400s is not sourced; the rules are.)
 */
export function anthropicOutputSchemaProblem(schema: unknown): string | undefined {
  const found = nodeProblem(schema);
  if (found !== undefined) return found;
  if (isRecord(schema) && isRecursive(schema, schema, new Set())) return 'Recursive schemas are not supported';
  const { optional, unions } = countProperties(schema);
  if (optional > maxOptionalProperties) return `Schemas with more than ${maxOptionalProperties} optional properties are not supported (found ${optional})`;
  if (unions > maxUnionProperties) return `Schemas with more than ${maxUnionProperties} properties with union types are not supported (found ${unions})`;
  return undefined;
}

function nodeProblem(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = nodeProblem(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isRecord(node)) return undefined;
  const types = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type : [];
  if (types.includes('object') || isRecord(node.properties)) {
    if (node.additionalProperties === true) return "For 'object' type, 'additionalProperties: true' is not supported. Please set 'additionalProperties' to false";
    if (node.additionalProperties !== false) return "For 'object' type, 'additionalProperties' must be explicitly set to false";
  }
  for (const type of types) {
    const bound = (refusedBounds[type as string] ?? []).find((keyword) => keyword in node);
    if (bound !== undefined) return `For '${type}' type, property '${bound}' is not supported`;
    if (type === 'array' && typeof node.minItems === 'number' && node.minItems > 1) return "For 'array' type, property 'minItems' is not supported";
  }
  for (const keyword of ['properties', '$defs', 'definitions']) {
    if (!isRecord(node[keyword])) continue;
    const found = nodeProblem(Object.values(node[keyword]));
    if (found !== undefined) return found;
  }
  for (const keyword of ['items', 'anyOf', 'allOf']) {
    const found = nodeProblem(node[keyword]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether a `$ref` leads back to a schema it is inside of. */
function isRecursive(node: unknown, root: Record<string, unknown>, path: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((item) => isRecursive(item, root, path));
  if (!isRecord(node)) return false;
  if (typeof node.$ref === 'string') {
    if (path.has(node.$ref)) return true;
    if (!node.$ref.startsWith('#')) return false;
    let target: unknown = root;
    for (const segment of node.$ref.slice(1).split('/').slice(1)) target = isRecord(target) ? target[segment.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    return isRecursive(target, root, new Set([...path, node.$ref]));
  }
  return ['properties', 'items', 'anyOf', 'allOf', 'oneOf', 'additionalProperties'].some((keyword) =>
    keyword === 'properties' ? isRecord(node.properties) && isRecursive(Object.values(node.properties), root, path) : isRecursive(node[keyword], root, path),
  );
}

/** Optional properties and properties with a union type, in the whole schema. */
function countProperties(node: unknown): { optional: number; unions: number } {
  const counts = { optional: 0, unions: 0 };
  const visit = (each: unknown) => {
    if (Array.isArray(each)) return each.forEach(visit);
    if (!isRecord(each)) return;
    if (isRecord(each.properties)) {
      const required = new Set(Array.isArray(each.required) ? each.required : []);
      for (const [name, child] of Object.entries(each.properties)) {
        if (!required.has(name)) counts.optional++;
        if (isRecord(child) && (Array.isArray(child.anyOf) || (Array.isArray(child.type) && child.type.length > 1))) counts.unions++;
      }
      visit(Object.values(each.properties));
    }
    for (const keyword of ['$defs', 'definitions']) if (isRecord(each[keyword])) visit(Object.values(each[keyword]));
    for (const keyword of ['items', 'anyOf', 'allOf']) visit(each[keyword]);
  };
  visit(node);
  return counts;
}
