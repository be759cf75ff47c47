import { resolveSchemaRef } from '../json-schema/resolve-schema-ref.ts';
import { isSchemaNode } from './is-schema-node.ts';
import { NotExpressibleError } from './not-expressible-error.ts';
import type { SchemaNode } from './provider-schema.ts';

// OpenAI's documented limits for a strict schema (see the tests for the source).
const maxNesting = 10;
const maxProperties = 5000;
const maxEnumValues = 1000;
const maxTextLength = 120_000;
const largeEnum = 250;
const maxLargeEnumText = 15_000;

/**
 * Throws NotExpressibleError when a strict-form schema passes one of OpenAI's size limits:
 * nesting (each `properties` or `items` step is a level; branches and references are not), total
 * properties, total enum values, and the text of names and enum and const values.
 */
export function checkOpenAILimits(schema: SchemaNode): void {
  let properties = 0;
  let enumValues = 0;
  let text = 0;
  const visit = (node: unknown) => {
    if (!isSchemaNode(node)) return;
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      const enumText = node.enum.reduce<number>((sum, value) => sum + (typeof value === 'string' ? value.length : 0), 0);
      if (node.enum.length > largeEnum && enumText > maxLargeEnumText) {
        throw new NotExpressibleError(`an enum of ${node.enum.length} values and ${enumText} characters (OpenAI allows ${maxLargeEnumText} characters past ${largeEnum} values)`);
      }
      text += enumText;
    }
    if (typeof node.const === 'string') text += node.const.length;
    for (const keyword of ['properties', '$defs', 'definitions']) {
      const map = node[keyword];
      if (!isSchemaNode(map)) continue;
      for (const [name, child] of Object.entries(map)) {
        if (keyword === 'properties') properties++;
        text += name.length;
        visit(child);
      }
    }
    for (const keyword of ['items', 'additionalProperties']) visit(node[keyword]);
    if (Array.isArray(node.anyOf)) node.anyOf.forEach(visit);
  };
  visit(schema);
  if (properties > maxProperties) throw new NotExpressibleError(`${properties} properties (OpenAI allows ${maxProperties})`);
  if (enumValues > maxEnumValues) throw new NotExpressibleError(`${enumValues} enum values (OpenAI allows ${maxEnumValues})`);
  if (text > maxTextLength) throw new NotExpressibleError(`${text} characters of names and values (OpenAI allows ${maxTextLength})`);
  const nesting = nestingOf(schema, schema, new Set());
  if (nesting > maxNesting) throw new NotExpressibleError(`${nesting} levels of nesting (OpenAI allows ${maxNesting})`);
}

function nestingOf(node: unknown, root: SchemaNode, path: Set<string>): number {
  if (!isSchemaNode(node)) return 0;
  if (typeof node.$ref === 'string') {
    // A recursive schema nests without end; OpenAI takes recursion, so a cycle counts once.
    if (path.has(node.$ref)) return 0;
    return nestingOf(resolveSchemaRef(root, node.$ref), root, new Set([...path, node.$ref]));
  }
  let deepest = 0;
  if (isSchemaNode(node.properties)) for (const child of Object.values(node.properties)) deepest = Math.max(deepest, 1 + nestingOf(child, root, path));
  if (node.items !== undefined) deepest = Math.max(deepest, 1 + nestingOf(node.items, root, path));
  if (Array.isArray(node.anyOf)) for (const branch of node.anyOf) deepest = Math.max(deepest, nestingOf(branch, root, path));
  return deepest;
}
