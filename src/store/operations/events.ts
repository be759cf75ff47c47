import type { SqliteConnection } from '../sqlite-connection.ts';

/** The events a store keeps (pass starts and ends, warnings), in order. */
export interface EventOperations {
  /** Appends an event of `type` about a pass; `data` is kept as JSON. */
  append(event: { type: string; passId: string; data: unknown; at: number }): void;
}

/** The event operations of a store. */
export function eventOperations({ statement }: SqliteConnection): EventOperations {
  return {
    append({ type, passId, data, at }) {
      statement('INSERT INTO events (at, type, pass_id, data) VALUES (?, ?, ?, ?)').run(at, type, passId, JSON.stringify(data));
    },
  };
}
