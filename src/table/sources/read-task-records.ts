import { InvalidInputError } from '../../errors/index.ts';
import { parseRowId } from './parse-row-id.ts';
import type { SourceRecord } from './source-record.ts';

/** Turns pre-built task objects (already checked to be plain objects) into records, stringifying ids. */
export function* readTaskRecords(tasks: Record<string, unknown>[]): Generator<SourceRecord> {
  for (const [index, task] of tasks.entries()) {
    if (task.id === undefined) throw new InvalidInputError(`tasks[${index}] has no \`id\``);
    const id = parseRowId(task.id, `tasks[${index}].id`);
    // A shallow copy, so stringifying the id never changes the caller's object.
    yield { id, data: { ...task, id } };
  }
}
