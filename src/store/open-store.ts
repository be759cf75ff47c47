import { existsSync } from 'node:fs';
import path from 'node:path';
import { agentLoopOperations } from './operations/agent-loops.ts';
import { attemptOperations } from './operations/attempts.ts';
import { batchOperations } from './operations/batches.ts';
import { cacheOperations } from './operations/cache.ts';
import { eventOperations } from './operations/events.ts';
import { findingOperations } from './operations/findings.ts';
import { keyOperations } from './operations/keys.ts';
import { leaseOperations } from './operations/leases.ts';
import { passOperations } from './operations/passes.ts';
import { planRunOperations } from './operations/plan-runs.ts';
import { resultOperations } from './operations/results.ts';
import { rowOperations } from './operations/rows.ts';
import { runOperations } from './operations/runs.ts';
import { spendOperations } from './operations/spend.ts';
import { tableOperations } from './operations/tables.ts';
import { openSqliteConnection, storeFileName } from './sqlite-connection.ts';
import type { Store } from './store.ts';

/** Whether `dir` holds a store (`openStore` would open it rather than create it). */
export function storeExists(dir: string): boolean {
  return existsSync(path.join(dir, storeFileName));
}

/** Opens (creating if needed) the store in `dir`, migrated to the current schema. */
export function openStore(dir: string): Store {
  const connection = openSqliteConnection(dir);
  return {
    dir,
    tables: tableOperations(connection),
    rows: rowOperations(connection),
    passes: passOperations(connection),
    leases: leaseOperations(connection),
    planLeases: leaseOperations(connection, 'plan_runs'),
    results: resultOperations(connection),
    attempts: attemptOperations(connection),
    events: eventOperations(connection),
    spend: spendOperations(connection),
    cache: cacheOperations(connection),
    keys: keyOperations(connection),
    batches: batchOperations(connection),
    agentLoops: agentLoopOperations(connection),
    planRuns: planRunOperations(connection),
    findings: findingOperations(connection),
    runs: runOperations(connection),
    transaction: connection.transaction,
    close: connection.close,
  };
}
