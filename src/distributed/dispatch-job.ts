import { createHash } from 'node:crypto';
import { z } from 'zod';

/** What one job of the queue carries: a dispatch's rows, contents and all, and where its recipe is. */
export type DispatchJob = z.infer<typeof dispatchJobSchema>;

export const dispatchJobSchema = z.strictObject({
  version: z.literal(1),
  /** The recipe's key (see `passKeys`). */
  recipe: z.string(),
  /** The run that enqueued it: a worker holding an older run's recipe reads the recipe again. */
  run: z.string(),
  rows: z.array(z.strictObject({ id: z.string(), data: z.record(z.string(), z.unknown()) })),
  /** An agent pass: the steps an earlier run recorded of these rows' unsettled loop, to resume it. */
  loop: z.array(z.unknown()).optional(),
  /**
   * An agent pass: the list each step is written to as a worker records it; a worker that takes
   * the job over (the last one was killed) resumes the loop from it too (see `PassKeys.steps`).
   */
  steps: z.string().optional(),
});

/**
 * The job id of a dispatch: the same store, pass and rows make the same id, so the same dispatch is
 * enqueued once however often it is submitted (BullMQ ignores an id it holds already).
 */
export function dispatchJobId(storeId: string, passId: string, rowIds: readonly string[]): string {
  const rows = createHash('sha256').update(rowIds.join('\0')).digest('base64url').slice(0, 22);
  // BullMQ refuses ids with ':' and ids that are integers.
  return `${storeId}.${passId}.${rows}`;
}
