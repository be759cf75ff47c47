import type { SchemaNode } from './provider-schema.ts';

// Bounds written the way the AI SDK writes the ones it takes out of Anthropic schemas, on the last
// line of the description: "min length: 3; max length: 40." Other keywords go on the line above.
const boundKeywords = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'not',
]);

/**
 * A description that also states the keywords taken out of a schema node, so the model still reads
 * them: `description` (the node's own, if any) followed by "name: value" lines. The answer is
 * checked against the schema as written, so what the model misreads is caught there.
 */
export function describeKeywords(description: unknown, moved: SchemaNode): string | undefined {
  const own = typeof description === 'string' && description !== '' ? description : undefined;
  const entries = Object.entries(moved).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return own;
  const line = (keep: (keyword: string) => boolean) =>
    entries.filter(([keyword]) => keep(keyword)).map(([keyword, value]) => `${spaced(keyword)}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const others = line((keyword) => !boundKeywords.has(keyword));
  const bounds = line((keyword) => boundKeywords.has(keyword));
  return [own, others.length > 0 ? `${others.join('; ')}.` : undefined, bounds.length > 0 ? `${bounds.join('; ')}.` : undefined]
    .filter((part) => part !== undefined)
    .join('\n');
}

function spaced(keyword: string): string {
  return keyword.replace(/^\$/, '').replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}
