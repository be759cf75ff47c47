import type { BatchLedger, BatchRecord } from './batch-ledger.ts';

/** A ledger that lives as long as the process: without a store, a restart cannot find its batches. */
export function memoryBatchLedger(): BatchLedger {
  const records: BatchRecord[] = [];
  return {
    open: (passId) => records.filter((record) => record.passId === passId && (record.status === 'pending' || record.status === 'completed' || record.status === 'failed')),
    add(record) {
      const added = { ...record, id: records.length + 1 };
      records.push(added);
      return added;
    },
    setStatus(id, status) {
      const record = records.find((candidate) => candidate.id === id);
      if (record !== undefined) record.status = status;
    },
  };
}
