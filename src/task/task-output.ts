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
 * from it (so a resumed job never repeats or loses a line), then JSONL grows by whole lines as
 * rows finish, and the other formats are rebuilt atomically every `checkpoint_every` rows.
 */
export async function openTaskOutput(
  store: Store,
  events: EventBus,
  { task, tableId, passId, fields }: { task: TaskDefinition; tableId: string; passId: string; fields: string[] },
): Promise<TaskOutput> {
  mkdirSync(task.outputDir, { recursive: true });
  const name = path.basename(task.file).replace(/\.[^.]*$/, '');
  const file = path.join(task.outputDir, `${name}.${task.outputFormat}`);
  const filter = { column: fields[0]!, exists: true } as const;
  const rebuild = async () => {
    // Before the pass has written its first row, its columns do not exist yet: the output is empty.
    const started = tableInfo(store, tableId).columns.includes(fields[0]!);
    await exportTable(store, tableId, { format: task.outputFormat, out: file, filter: started ? filter : { column: 'id', in: [] } });
  };
  await rebuild();

  const readRow = store.statement('SELECT data FROM rows WHERE table_id = ? AND id = ?');
  let finished: string[] = [];
  let sinceRebuild = 0;
  let lastRebuild = Date.now();
  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'row-end' && event.passId === passId && event.status === 'done') {
      finished.push(event.rowId);
      sinceRebuild++;
    }
  });
  const checkpoint = async () => {
    if (task.outputFormat === 'jsonl') {
      if (finished.length === 0) return;
      const ids = finished;
      finished = [];
      let lines = '';
      for (const id of ids) {
        const { data } = readRow.get(tableId, id) as { data: string };
        // A result not yet committed (group commit) waits for the next checkpoint.
        if ((JSON.parse(data) as Record<string, unknown>)[fields[0]!] === undefined) finished.push(id);
        else lines += `${data}\n`;
      }
      // One write of whole lines: a crash leaves the file at a line boundary, and the next run rebuilds it anyway.
      if (lines !== '') appendFileSync(file, lines);
      return;
    }
    if (sinceRebuild < task.checkpointEvery || Date.now() - lastRebuild < minimumRebuildIntervalMs) return;
    sinceRebuild = 0;
    lastRebuild = Date.now();
    finished = [];
    await rebuild();
  };
  return {
    file,
    checkpoint,
    async close() {
      unsubscribe();
      await rebuild();
    },
  };
}
