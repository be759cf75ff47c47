import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { exportTable } from '../export/export-table.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Store } from '../store/store.ts';
import { tableInfo } from '../table/table-info.ts';
import type { TaskDefinition } from './task-definition.ts';

/** Keeps a task's output file in step with the store while its pass runs. */
export interface TaskOutput {
  /** The output file. */
  file: string;
  /** Brings the file up to date (appends for JSONL, an atomic rebuild otherwise). */
  checkpoint(): Promise<void>;
  /** Final rebuild from the store; stops listening. */
  close(): Promise<void>;
}

const minimumRebuildIntervalMs = 5_000;

/**
 * Opens a task's output file. The store is the checkpoint: the file is first rebuilt exactly
 * from it — the seed columns and this pass's answers, for the rows this pass answered — so a
 * resumed job never repeats or loses a line. Then JSONL grows by whole lines as rows finish, and
 * the other formats are rebuilt atomically every `checkpoint_every` rows. Rebuilds run one
 * after another, so an older one can never overwrite a newer file.
 */
export async function openTaskOutput(
  store: Store,
  events: EventBus,
  { task, tableId, passId, fields }: { task: TaskDefinition; tableId: string; passId: string; fields: string[] },
): Promise<TaskOutput> {
  mkdirSync(task.outputDir, { recursive: true });
  const name = path.basename(task.file).replace(/\.[^.]*$/, '');
  const file = path.join(task.outputDir, `${name}.${task.outputFormat}`);
  const { writers } = tableInfo(store, tableId);
  const seedColumns = [...writers].filter(([, writer]) => writer === 'source').map(([column]) => column);
  const columns = [...seedColumns, ...fields.filter((field) => !seedColumns.includes(field))];
  let queue: Promise<void> = Promise.resolve();
  const rebuild = () => {
    // Each rebuild waits for the one before, even a failed one.
    queue = queue.catch(() => {}).then(async () => {
      // Before the pass has written its first row, its columns do not exist yet: the output is empty.
      const started = tableInfo(store, tableId).columns.includes(fields[0]!);
      await exportTable(store, tableId, {
        format: task.outputFormat,
        out: file,
        columns: started ? columns : seedColumns,
        answeredBy: passId,
      });
    });
    return queue;
  };
  await rebuild();

  let finished: string[] = [];
  let sinceRebuild = 0;
  let lastRebuild = Date.now();
  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'row-end' && event.passId === passId && event.status === 'done') {
      finished.push(event.rowId);
      sinceRebuild++;
    }
  });
  const appendFinished = () => {
    const ids = finished;
    finished = [];
    let lines = '';
    for (const id of ids) {
      // A result not yet committed (group commit) waits for the next checkpoint.
      if (!store.results.isAnswered(passId, id)) {
        finished.push(id);
        continue;
      }
      const row = store.rows.data(tableId, id)!;
      const record: Record<string, unknown> = {};
      for (const column of columns) if (column in row) record[column] = row[column];
      lines += `${JSON.stringify(record)}\n`;
    }
    // One write of whole lines: a crash leaves the file at a line boundary, and the next run rebuilds it anyway.
    if (lines !== '') appendFileSync(file, lines);
  };
  return {
    file,
    async checkpoint() {
      if (task.outputFormat === 'jsonl') {
        await queue;
        appendFinished();
        return;
      }
      if (sinceRebuild < task.checkpointEvery || Date.now() - lastRebuild < minimumRebuildIntervalMs) return;
      sinceRebuild = 0;
      lastRebuild = Date.now();
      finished = [];
      await rebuild();
    },
    async close() {
      unsubscribe();
      await rebuild();
    },
  };
}
