import type { Experimental_BatchReference } from 'ai';

/**
 * Where a submitted batch stands: the provider's normalized status while its results are unread
 * (`pending`, `completed`, `failed`), then `harvested` once every result was handed on, or
 * `abandoned` when a later run no longer wanted any of its items.
 */
export type BatchRecordStatus = 'pending' | 'completed' | 'failed' | 'harvested' | 'abandoned';

/** One batch submitted for a pass: enough to find it again after a restart. */
export interface BatchRecord {
  id: number;
  passId: string;
  /** The spec's provider (`openai`, `anthropic`, `google`). */
  provider: string;
  /** The AI SDK's serializable reference to the batch. */
  reference: Experimental_BatchReference;
  /** The items in submission order: item `itemIds[n]` went in as custom id `r<n>`. */
  itemIds: string[];
  /** 0 for a first submission, n for the nth resubmission of expired or failed items. */
  attempt: number;
  status: BatchRecordStatus;
}

/** Keeps the batch records of passes: in the store, so a restart polls instead of paying again, or in memory. */
export interface BatchLedger {
  /** The pass's batches not yet harvested or abandoned, oldest first. */
  open(passId: string): BatchRecord[];
  /** Records a batch just submitted. */
  add(record: Omit<BatchRecord, 'id'>): BatchRecord;
  setStatus(id: number, status: BatchRecordStatus): void;
}
