import { describeKeywords } from './describe-keywords.ts';
import type { SchemaNode } from './provider-schema.ts';

// Bookkeeping that means nothing to a model.
const unsaid = new Set(['$schema', '$id', '$comment']);

/**
 * A node with only the keywords a provider takes (`keeps`); the others are written into its description
 * (see `describeKeywords`), except bookkeeping (`$schema`, `$id`, `$comment`, `x-` extensions).
 */
export function keepKeywords(node: SchemaNode, keeps: (keyword: string, value: unknown) => boolean): SchemaNode {
  const result: SchemaNode = {};
  const moved: SchemaNode = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword !== 'description' && keeps(keyword, value)) result[keyword] = value;
    else if (keyword !== 'description' && !unsaid.has(keyword) && !keyword.startsWith('x-')) moved[keyword] = value;
  }
  const description = describeKeywords(node.description, moved);
  if (description !== undefined) result.description = description;
  return result;
}
