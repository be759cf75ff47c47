/** One task of a plan run, as GET /plan-runs/{id} reports it. */
export interface PlanTaskReport {
  id: string;
  kind: string;
  status: string;
  dependsOn: string[];
  result?: unknown;
  error?: string;
  runs: number;
  durationMs?: number;
  passId?: string;
}

/** A plan run, as GET /plan-runs/{id} and its event stream report it. */
export interface PlanRunReport {
  id: string;
  name?: string;
  tableId: string;
  status: string;
  origin: { kind: string; of?: string; from?: string; model?: string };
  createdAt: number;
  updatedAt: number;
  completed: number;
  failed: number;
  skipped: number;
  pending: number;
  tasks: PlanTaskReport[];
}
