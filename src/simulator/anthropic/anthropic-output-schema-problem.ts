import { isRecord } from '../is-record.ts';

// Bounds structured outputs refuse, by the type they belong to ("JSON Schema limitations").
const refusedBounds: Readonly<Record<string, readonly string[]>> = {
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  string: ['minLength', 'maxLength'],
  array: ['maxItems', 'uniqueItems'],
};

/**
 * Why Anthropic's structured outputs refuse a schema, in the words of its 400s (after
 * "output_config.format.schema: "), or undefined when they take it: every object must set
 * `additionalProperties` to false; numeric bounds, string lengths, `maxItems` and a `minItems`
 * other than 0 or 1 are not supported.
 */
export function anthropicOutputSchemaProblem(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = anthropicOutputSchemaProblem(item);
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
    const found = anthropicOutputSchemaProblem(Object.values(node[keyword]));
    if (found !== undefined) return found;
  }
  for (const keyword of ['items', 'anyOf', 'allOf']) {
    const found = anthropicOutputSchemaProblem(node[keyword]);
    if (found !== undefined) return found;
  }
  return undefined;
}
