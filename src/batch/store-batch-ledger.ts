import type { Experimental_BatchReference } from 'ai';
import { StoreCorruptError } from '../errors/store-corrupt-error.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import type { StoredBatch } from '../store/operations/batches.ts';
import type { Store } from '../store/store.ts';
import type { BatchLedger, BatchRecord, BatchRecordStatus } from './batch-ledger.ts';

/** A ledger kept in the store; each write commits at once. */
export function storeBatchLedger(store: Store): BatchLedger {
  return {
    open(passId) {
      return store.batches.open(passId).map(readRow);
    },
    add(record) {
      const id = store.batches.add({ ...record, at: Date.now() });
      return { ...record, id };
    },
    setStatus(id, status) {
      store.batches.setStatus(id, status, Date.now());
    },
  };
}

function readRow(row: StoredBatch): BatchRecord {
  const reference = parseUntrustedJson(row.reference);
  const itemIds = parseUntrustedJson(row.itemIds);
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
    const record = `provider_batches row ${row.id} of pass ${row.passId}`;
    throw new StoreCorruptError(`${record} cannot be read; the batch it records cannot be resumed`, { record });
  }
  return {
    id: row.id,
    passId: row.passId,
    provider: row.provider,
    reference: { version: 2, id: value.id, provider: value.provider },
    itemIds: itemIds.value as string[],
    attempt: row.attempt,
    status: row.status as BatchRecordStatus,
  };
}
