import { z } from 'zod';
import { closestMatch } from './closest-match.ts';

/** One zod issue from validating swarm.config.yaml, in words a user can act on. */
export function configIssueMessage(issue: z.core.$ZodIssue, schema: z.ZodType): string {
  const where = issue.path.length === 0 ? 'top level' : `"${issue.path.join('.')}"`;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path);
    return issue.keys
      .map((key) => {
        const suggestion = closestMatch(key, known);
        const hint = suggestion === undefined ? ` (known keys: ${known.join(', ')})` : ` (did you mean "${suggestion}"?)`;
        return `unknown key "${[...issue.path, key].join('.')}"${hint}`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_key') return `${where}: bad key: ${issue.issues[0]?.message ?? issue.message}`;
  return `${where}: ${issue.message}`;
}

/** The keys an object in the schema accepts at `path`, walking through records, lists, optionals and defaults. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (node instanceof z.ZodObject) node = node.shape[String(segment)] as z.ZodType | undefined;
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return [];
    node = node === undefined ? undefined : unwrap(node);
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodDefault) node = node.unwrap() as z.ZodType;
  return node;
}
