import { z } from 'zod';
import { closestMatch } from '../config/closest-match.ts';

/** One zod issue from validating a task file, in words a user can act on; `value` is the parsed YAML. */
export function taskIssueMessage(issue: z.core.$ZodIssue, schema: z.ZodType, value: unknown): string {
  const key = `"${issue.path.join('.')}"`;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path);
    return issue.keys
      .map((name) => {
        const suggestion = closestMatch(name, known);
        const hint = suggestion === undefined ? ` (known keys: ${known.join(', ')})` : ` (did you mean "${suggestion}"?)`;
        return `unknown key "${[...issue.path, name].join('.')}"${hint}`;
      })
      .join('; ');
  }
  const given = valueAt(value, issue.path);
  if (issue.path.length === 0) return `the task file ${issue.message}`;
  if (given === undefined) return `missing required key ${key}`;
  if (given === null) return `${key} has no value: give one or remove the key`;
  if (issue.code === 'invalid_value' && typeof given === 'string') {
    const suggestion = closestMatch(given, issue.values.map(String));
    return `${key} ${issue.message}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
  }
  return `${key} ${issue.message}`;
}

/**
 * The issues to report: one per unknown key, so each gets its own line, and a union whose value is
 * a mapping (`next_turn: { templat: … }`) through its mapping branch, so a typo inside it gets the
 * same "did you mean" as anywhere else.
 */
export function flattenTaskIssues(issues: readonly z.core.$ZodIssue[], value: unknown): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ ...issue, keys: [key] }));
    if (issue.code !== 'invalid_union' || !isMapping(valueAt(value, issue.path))) return [issue];
    // The mapping branch: the one whose value had the right shape, so its issues are about what is inside.
    const branch = issue.errors.find((branchIssues) => branchIssues.every((inner) => inner.path.length > 0 || inner.code === 'unrecognized_keys'));
    if (branch === undefined) return [issue];
    const located = branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue);
    return flattenTaskIssues(located, value);
  });
}

/**
 * The issues without a missing required key that an unknown key beside it is a typo of: for
 * `prompt_templat:`, "did you mean prompt_template" says it all.
 */
export function withoutTypoDuplicates(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): z.core.$ZodIssue[] {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      const suggestion = closestMatch(key, known);
      if (suggestion !== undefined) meant.add(JSON.stringify([...issue.path, suggestion]));
    }
  }
  return issues.filter((issue) => !(issue.code === 'invalid_type' && meant.has(JSON.stringify(issue.path))));
}

/** The keys a mapping in the schema accepts at `path`, walking through optionals and unions. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    node = node instanceof z.ZodObject ? (node.shape[String(segment)] as z.ZodType | undefined) : undefined;
    if (node === undefined) return [];
    node = unwrap(node);
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let node = schema;
  for (;;) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodDefault) {
      node = node.unwrap() as z.ZodType;
      continue;
    }
    const mapping = node instanceof z.ZodUnion ? (node.options as z.ZodType[]).find((option) => option instanceof z.ZodObject) : undefined;
    if (mapping === undefined) return node;
    node = mapping;
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const segment of path) {
    if (!isMapping(node)) return undefined;
    node = node[String(segment)];
  }
  return node;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
