import { isRecord } from '../is-record.ts';

// The fields of the API's `Schema` (an OpenAPI 3.0 subset; https://ai.google.dev/api/caching#Schema),
// in the JSON names protobuf reads: lowerCamelCase or the proto's snake_case.
const known = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required', 'minProperties',
  'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering', 'default', 'items', 'minimum', 'maximum',
  'max_items', 'min_items', 'min_properties', 'max_properties', 'min_length', 'max_length', 'any_of', 'property_ordering',
]);

/**
 * The fields of a Gemini `Schema` (a function's `parameters`, a `responseSchema`) that are not
 * `Schema` fields, with the path the API names each at: a map entry is `properties[i].value`, a
 * list item `any_of[i]` (`tools[0].function_declarations[4].parameters.properties[13].value.any_of[0].items`,
 * as reported in ax-llm/ax#293). JSON Schema keywords such as `additionalProperties`, `$schema`,
 * `const` or `exclusiveMinimum` are among them.
 */
export function geminiUnknownSchemaFields(schema: unknown, path: string): Array<{ name: string; path: string }> {
  if (!isRecord(schema)) return [];
  const unknown = Object.keys(schema).filter((name) => !known.has(name)).map((name) => ({ name, path }));
  if (isRecord(schema.properties)) {
    for (const [index, child] of Object.values(schema.properties).entries()) unknown.push(...geminiUnknownSchemaFields(child, `${path}.properties[${index}].value`));
  }
  unknown.push(...geminiUnknownSchemaFields(schema.items, `${path}.items`));
  const branches = schema.anyOf ?? schema.any_of;
  if (Array.isArray(branches)) for (const [index, branch] of branches.entries()) unknown.push(...geminiUnknownSchemaFields(branch, `${path}.any_of[${index}]`));
  return unknown;
}
