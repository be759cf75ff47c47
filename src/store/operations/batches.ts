import type { SqliteConnection } from '../sqlite-connection.ts';

/** A provider batch submitted for a pass, as the store keeps it. */
export interface StoredBatch {
  id: number;
  passId: string;
  provider: string;
  /** The provider's reference to the batch, as JSON text (checked by whoever reads it). */
  reference: string;
  /** The ids of its items in submission order, as JSON text. */
  itemIds: string;
  attempt: number;
  status: string;
}

/** The provider batches of passes; each write commits at once. */
export interface BatchOperations {
  /** The pass's batches whose results are not yet read (`pending`, `completed`, `failed`), oldest first. */
  open(passId: string): StoredBatch[];
  /** Records a batch just submitted; returns its id. */
  add(batch: { passId: string; provider: string; reference: unknown; itemIds: readonly string[]; attempt: number; status: string; at: number }): number;
  /** Moves a batch to `status`. */
  setStatus(id: number, status: string, at: number): void;
}

/** The batch operations of a store. */
export function batchOperations({ statement }: SqliteConnection): BatchOperations {
  return {
    open(passId) {
      const rows = statement(
        `SELECT id, pass_id, provider, reference, item_ids, attempt, status FROM provider_batches
          WHERE pass_id = ? AND status IN ('pending', 'completed', 'failed') ORDER BY id`,
      ).all(passId) as { id: number; pass_id: string; provider: string; reference: string; item_ids: string; attempt: number; status: string }[];
      return rows.map((row) => ({
        id: row.id,
        passId: row.pass_id,
        provider: row.provider,
        reference: row.reference,
        itemIds: row.item_ids,
        attempt: row.attempt,
        status: row.status,
      }));
    },
    add({ passId, provider, reference, itemIds, attempt, status, at }) {
      const { lastInsertRowid } = statement(
        `INSERT INTO provider_batches (pass_id, provider, reference, item_ids, attempt, status, submitted_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(passId, provider, JSON.stringify(reference), JSON.stringify(itemIds), attempt, status, at, at);
      return Number(lastInsertRowid);
    },
    setStatus(id, status, at) {
      statement('UPDATE provider_batches SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
    },
  };
}
