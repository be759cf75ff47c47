import type { SqliteConnection } from '../sqlite-connection.ts';

/** An event as the store keeps it. */
export interface StoredEvent {
  type: string;
  at: number;
  /** The event's fields, as they were appended. */
  data: unknown;
}

/** The events a store keeps (pass starts and ends, warnings, the events of plan runs), in order. */
export interface EventOperations {
  /** Appends an event of `type` about a pass, or about a plan run (`planRunId`); `data` is kept as JSON. */
  append(event: { type: string; passId?: string; planRunId?: string; data: unknown; at: number }): void;
  /** A plan run's events, in the order they were appended (over every run of it). */
  ofPlanRun(planRunId: string): StoredEvent[];
}

/** The event operations of a store. */
export function eventOperations({ statement }: SqliteConnection): EventOperations {
  return {
    append({ type, passId, planRunId, data, at }) {
      statement('INSERT INTO events (at, type, pass_id, plan_run_id, data) VALUES (?, ?, ?, ?, ?)').run(at, type, passId ?? null, planRunId ?? null, JSON.stringify(data));
    },
    ofPlanRun(planRunId) {
      const events = statement('SELECT type, at, data FROM events WHERE plan_run_id = ? ORDER BY seq').all(planRunId) as { type: string; at: number; data: string }[];
      return events.map((event) => ({ type: event.type, at: event.at, data: JSON.parse(event.data) }));
    },
  };
}
