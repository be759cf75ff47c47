import { isRecord } from '../is-record.ts';

// The keywords the AI SDK moves into descriptions, by the name it writes ("exclusive minimum").
const describedKeywords: Record<string, string> = {
  'minimum': 'minimum',
  'maximum': 'maximum',
  'exclusive minimum': 'exclusiveMinimum',
  'exclusive maximum': 'exclusiveMaximum',
  'multiple of': 'multipleOf',
  'min length': 'minLength',
  'max length': 'maxLength',
  'pattern': 'pattern',
  'min items': 'minItems',
  'max items': 'maxItems',
  'unique items': 'uniqueItems',
  'min properties': 'minProperties',
  'max properties': 'maxProperties',
  'not': 'not',
};

/**
 * A native-structured-output schema with its constraints back as keywords. Anthropic's decoder
 * rejects bounds such as `minimum`, so the AI SDK moves them into the description
 * ("minimum: 1; maximum: 5."), where a real model reads and mostly obeys them; the mock answer
 * generator reads keywords, so they are put back.
 */
export function restoreDescribedConstraints(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(restoreDescribedConstraints);
  if (!isRecord(schema)) return schema;
  const restored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) restored[key] = restoreDescribedConstraints(value);
  if (typeof schema.description === 'string') Object.assign(restored, describedConstraints(schema.description));
  return restored;
}

function describedConstraints(description: string): Record<string, unknown> {
  const lastLine = description.split('\n').at(-1)!;
  if (!lastLine.endsWith('.')) return {};
  const constraints: Record<string, unknown> = {};
  for (const segment of lastLine.slice(0, -1).split('; ')) {
    const separator = segment.indexOf(': ');
    const keyword = describedKeywords[segment.slice(0, separator)];
    // A line that is not wholly constraints is the user's own description.
    if (separator === -1 || keyword === undefined) return {};
    const text = segment.slice(separator + 2);
    constraints[keyword] = keyword === 'pattern' ? text : parseValue(text);
  }
  return constraints;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
