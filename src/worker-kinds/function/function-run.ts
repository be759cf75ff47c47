import type { PendingRow } from '../../pass/plan-dispatches.ts';

/** What running the user's function for one row gave: its return value, or what it threw after how many calls. */
export type FunctionRun = { row: PendingRow; output: Record<string, unknown> } | { row: PendingRow; error: unknown; calls: number };
