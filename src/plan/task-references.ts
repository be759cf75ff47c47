/** A `{tasks.<id>}` or `{tasks.<id>.<field>…}` placeholder and what it names. */
export interface TaskReference {
  /** The placeholder as written, braces and all. */
  placeholder: string;
  /** The task it names. */
  taskId: string;
  /** The field path into that task's result (empty: the whole result). */
  path: string[];
}

// A task id may hold dots (`ol-527.1`): what follows the longest task id that matches is the field path.
const referencePattern = /\{tasks\.([A-Za-z0-9_.-]+)\}/g;

/**
 * The task references in `text`, each resolved against `taskIds` (the longest id that the dotted
 * name starts with), and the names that start with no task id at all.
 */
export function taskReferencesOf(text: string, taskIds: ReadonlySet<string>): { references: TaskReference[]; unknown: string[] } {
  const references: TaskReference[] = [];
  const unknown: string[] = [];
  for (const match of text.matchAll(referencePattern)) {
    const name = match[1]!;
    const parts = name.split('.');
    let resolved: TaskReference | undefined;
    for (let length = parts.length; length > 0 && resolved === undefined; length--) {
      const taskId = parts.slice(0, length).join('.');
      if (taskIds.has(taskId)) resolved = { placeholder: match[0], taskId, path: parts.slice(length) };
    }
    if (resolved === undefined) unknown.push(match[0]);
    else references.push(resolved);
  }
  return { references, unknown };
}

/** The value a reference names in an upstream result: the field path followed into objects; undefined when it leads nowhere. */
export function referencedValue(result: unknown, path: readonly string[]): unknown {
  let value = result;
  for (const field of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, field)) return undefined;
    value = (value as Record<string, unknown>)[field];
  }
  return value;
}

/** A value as text in a prompt: a string as it is, anything else as JSON. */
export function referenceText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * `text` with every task reference replaced by the upstream result it names (a string as it is,
 * anything else as JSON), or the first reference whose result lacks the field it names.
 */
export function fillTaskReferences(text: string, taskIds: ReadonlySet<string>, upstream: Readonly<Record<string, unknown>>): { text: string } | { problem: string } {
  const { references } = taskReferencesOf(text, taskIds);
  let filled = text;
  for (const reference of references) {
    const value = referencedValue(upstream[reference.taskId], reference.path);
    if (value === undefined) return { problem: `${reference.placeholder}: the result of task ${reference.taskId} has no ${reference.path.join('.')}` };
    filled = filled.replace(reference.placeholder, () => referenceText(value));
  }
  return { text: filled };
}
