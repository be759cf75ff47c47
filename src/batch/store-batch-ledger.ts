import type { Experimental_BatchReference } from 'ai';
import { SwarmError } from '../errors/swarm-error.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import type { Store } from '../store/store.ts';
import type { BatchLedger, BatchRecord, BatchRecordStatus } from './batch-ledger.ts';

interface BatchRow {
  id: number;
  pass_id: string;
  provider: string;
  reference: string;
  item_ids: string;
  attempt: number;
  status: string;
}

/** A ledger in the store's `provider_batches` table; each write commits at once. */
export function storeBatchLedger(store: Store): BatchLedger {
  return {
    open(passId) {
      const rows = store
        .statement(`SELECT id, pass_id, provider, reference, item_ids, attempt, status FROM provider_batches
          WHERE pass_id = ? AND status IN ('pending', 'completed', 'failed') ORDER BY id`)
        .all(passId) as unknown as BatchRow[];
      return rows.map(readRow);
    },
    add(record) {
      const nowMs = Date.now();
      const { lastInsertRowid } = store
        .statement(`INSERT INTO provider_batches (pass_id, provider, reference, item_ids, attempt, status, submitted_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(record.passId, record.provider, JSON.stringify(record.reference), JSON.stringify(record.itemIds), record.attempt, record.status, nowMs, nowMs);
      return { ...record, id: Number(lastInsertRowid) };
    },
    setStatus(id, status) {
      store.statement('UPDATE provider_batches SET status = ?, updated_at = ? WHERE id = ?').run(status, Date.now(), id);
    },
  };
}

function readRow(row: BatchRow): BatchRecord {
  const reference = parseUntrustedJson(row.reference);
  const itemIds = parseUntrustedJson(row.item_ids);
  const value = reference.ok ? (reference.value as Partial<Experimental_BatchReference> | null) : null;
  if (
    value === null ||
    typeof value !== 'object' ||
    value.version !== 2 ||
    typeof value.id !== 'string' ||
    typeof value.provider !== 'string' ||
    !itemIds.ok ||
    !Array.isArray(itemIds.value) ||
    !itemIds.value.every((itemId) => typeof itemId === 'string')
  ) {
    throw new SwarmError('StoreCorruptError', `provider_batches row ${row.id} of pass ${row.pass_id} cannot be read; the batch it records cannot be resumed`);
  }
  return {
    id: row.id,
    passId: row.pass_id,
    provider: row.provider,
    reference: { version: 2, id: value.id, provider: value.provider },
    itemIds: itemIds.value as string[],
    attempt: row.attempt,
    status: row.status as BatchRecordStatus,
  };
}
