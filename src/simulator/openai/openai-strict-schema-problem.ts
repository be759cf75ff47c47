import { isRecord } from '../is-record.ts';

// Keywords strict mode refuses ("Some type-specific keywords are not yet supported", and the
// `default` its 400s name as "not permitted"). Its guide's "Supported schemas" lists `anyOf` as the
// only union and no `patternProperties`, so those are refused too
// (https://developers.openai.com/api/docs/guides/structured-outputs#supported-schemas).
const refused = ['allOf', 'not', 'dependentRequired', 'dependentSchemas', 'if', 'then', 'else', 'default', 'oneOf', 'patternProperties'];
// The string formats the same guide lists as supported.
const formats = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
// The guide's size limits: nesting, properties, enum values over all enums, the text of every
// property name, definition name, enum value and const value, and a large enum's text.
const maxNesting = 10;
const maxProperties = 5000;
const maxEnumValues = 1000;
const maxTextLength = 120_000;
const largeEnum = 250;
const maxLargeEnumText = 15_000;

/**
 * Why OpenAI's strict mode refuses a schema, in the words of its 400s (after "Invalid schema for
 * response_format 'name': "), or undefined when it takes it: the root must be an object; every
 * object must have `additionalProperties: false` and list every property in `required`; some
 * keywords are not permitted, and formats other than the supported ones; at most 10 levels of
 * nesting (each `properties` or `items` step), 5000 properties, 1000 enum values, 120,000
 * characters of names and values, and 15,000 characters in an enum of more than 250 values. (The
 * wording of the size-limit 400s is not sourced; the limits are.)
 */
export function openaiStrictSchemaProblem(schema: unknown): string | undefined {
  if (!isRecord(schema) || schema.type !== 'object' || schema.anyOf !== undefined) {
    const type = isRecord(schema) && typeof schema.type === 'string' ? schema.type : 'None';
    return `schema must be a JSON Schema of 'type: "object"', got 'type: "${type}"'.`;
  }
  let properties = 0;
  let enumValues = 0;
  let text = 0;
  const problem = (node: unknown, context: Array<string | number>): string | undefined => {
    if (!isRecord(node)) return undefined;
    const where = `In context=${pythonTuple(context)}`;
    for (const keyword of refused) if (keyword in node) return `${where}, '${keyword}' is not permitted.`;
    if (typeof node.format === 'string' && !formats.has(node.format)) return `${where}, '${node.format}' is not a valid format.`;
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      const enumText = node.enum.reduce<number>((sum, value) => sum + (typeof value === 'string' ? value.length : 0), 0);
      if (node.enum.length > largeEnum && enumText > maxLargeEnumText) {
        return `${where}, enum with ${node.enum.length} values has total string length ${enumText}, which exceeds the limit of ${maxLargeEnumText} for enums with more than ${largeEnum} values.`;
      }
      text += enumText;
    }
    if (typeof node.const === 'string') text += node.const.length;
    for (const keyword of ['properties', '$defs', 'definitions']) if (isRecord(node[keyword])) for (const name of Object.keys(node[keyword])) text += name.length;
    const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || isRecord(node.properties);
    if (isObject) {
      if (node.additionalProperties !== false) return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
      const names = isRecord(node.properties) ? Object.keys(node.properties) : [];
      const required = Array.isArray(node.required) ? node.required : [];
      const missing = names.find((name) => !required.includes(name));
      if (missing !== undefined) return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
      properties += names.length;
    }
    const children: Array<[unknown, Array<string | number>]> = [];
    for (const keyword of ['properties', '$defs', 'definitions']) {
      if (isRecord(node[keyword])) for (const [name, child] of Object.entries(node[keyword])) children.push([child, [...context, keyword, name]]);
    }
    if (isRecord(node.items)) children.push([node.items, [...context, 'items']]);
    if (Array.isArray(node.anyOf)) node.anyOf.forEach((branch, index) => children.push([branch, [...context, 'anyOf', index]]));
    for (const [child, path] of children) {
      const found = problem(child, path);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const found = problem(schema, []);
  if (found !== undefined) return found;
  const nesting = nestingOf(schema, schema, new Set());
  if (nesting > maxNesting) return `${nesting} levels of nesting exceeds limit of ${maxNesting}.`;
  if (properties > maxProperties) return `${properties} parameters exceeds limit of ${maxProperties}.`;
  if (enumValues > maxEnumValues) return `${enumValues} enum values exceeds limit of ${maxEnumValues}.`;
  if (text > maxTextLength) return `total string length of property names, definition names, enum values and const values ${text} exceeds limit of ${maxTextLength}.`;
  return undefined;
}

/** Levels of nesting: each `properties` or `items` step is one; references are followed, a cycle counted once. */
function nestingOf(node: unknown, root: Record<string, unknown>, refs: ReadonlySet<string>): number {
  if (!isRecord(node)) return 0;
  if (typeof node.$ref === 'string') {
    if (refs.has(node.$ref) || !node.$ref.startsWith('#')) return 0;
    let target: unknown = root;
    for (const segment of node.$ref.slice(1).split('/').slice(1)) target = isRecord(target) ? target[segment.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    return nestingOf(target, root, new Set([...refs, node.$ref]));
  }
  let deepest = 0;
  if (isRecord(node.properties)) for (const child of Object.values(node.properties)) deepest = Math.max(deepest, 1 + nestingOf(child, root, refs));
  if (node.items !== undefined) deepest = Math.max(deepest, 1 + nestingOf(node.items, root, refs));
  if (Array.isArray(node.anyOf)) for (const branch of node.anyOf) deepest = Math.max(deepest, nestingOf(branch, root, refs));
  return deepest;
}

/** A path as Python prints a tuple: `()`, `('properties',)`, `('properties', 'a', 'anyOf', 0)`. */
function pythonTuple(path: Array<string | number>): string {
  const items = path.map((item) => (typeof item === 'number' ? String(item) : `'${item}'`));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}
