import type { RunsStatus } from '../runs/runs-status.ts';

/** What `GET /status` and `swarm status --json` report. */
export interface DaemonStatus extends RunsStatus {
  pid: number;
  port: number;
  /** When it started (ISO 8601). */
  started: string;
  store: string;
  cwd: string;
  version: string;
}
