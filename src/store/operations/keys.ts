import type { SqliteConnection } from '../sqlite-connection.ts';

/**
 * What processes sharing the store learned of provider keys (by limiter key): when a key is
 * parked until, the limits it showed, and which processes use it now.
 */
export interface KeyOperations {
  /** The key is parked until `until` (epoch ms); a later deadline already stored is kept. */
  savePark(key: string, until: number, at: number): void;
  /** Until when the key is parked, as stored (possibly in the past); undefined when it never was. */
  parkedUntil(key: string): number | undefined;
  /** Every key parked past `at`, with its deadline. */
  parksAfter(at: number): { key: string; parkedUntil: number }[];
  /** Remembers the limits learned of a key (a JSON object) and the most calls it took at once without a refusal. */
  saveLimits(key: string, { limits, largestInFlight, at }: { limits: object; largestInFlight: number; at: number }): void;
  /** What was remembered of a key, if anything was, at or after `since` (epoch ms; default: whenever). */
  limits(key: string, options?: { since?: number }): { limits: unknown; largestInFlight: number | undefined } | undefined;
  /** `user` (one process's registry) uses the key at `at`. */
  markUser(key: string, user: string, at: number): void;
  /** `user` no longer uses the key. */
  forgetUser(key: string, user: string): void;
  /** How many users said they used the key after `since`. */
  countUsers(key: string, since: number): number;
}

/** The key operations of a store. */
export function keyOperations({ statement }: SqliteConnection): KeyOperations {
  return {
    savePark(key, until, at) {
      statement(
        `INSERT INTO key_parks (key, parked_until, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET parked_until = max(parked_until, excluded.parked_until), updated_at = excluded.updated_at`,
      ).run(key, until, at);
    },
    parkedUntil(key) {
      const parked = statement('SELECT parked_until FROM key_parks WHERE key = ?').get(key) as { parked_until: number } | undefined;
      return parked?.parked_until;
    },
    parksAfter(at) {
      const parks = statement('SELECT key, parked_until FROM key_parks WHERE parked_until > ?').all(at) as { key: string; parked_until: number }[];
      return parks.map((park) => ({ key: park.key, parkedUntil: park.parked_until }));
    },
    saveLimits(key, { limits, largestInFlight, at }) {
      statement(
        `INSERT INTO key_limits (key, limits, largest_in_flight, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET limits = excluded.limits, largest_in_flight = excluded.largest_in_flight, updated_at = excluded.updated_at`,
      ).run(key, JSON.stringify(limits), largestInFlight, at);
    },
    limits(key, { since = Number.NEGATIVE_INFINITY } = {}) {
      const remembered = statement('SELECT limits, largest_in_flight FROM key_limits WHERE key = ? AND updated_at >= ?').get(key, since) as
        | { limits: string; largest_in_flight: number | null }
        | undefined;
      return remembered === undefined ? undefined : { limits: JSON.parse(remembered.limits) as unknown, largestInFlight: remembered.largest_in_flight ?? undefined };
    },
    markUser(key, user, at) {
      statement(`INSERT INTO key_users (key, user, seen_at) VALUES (?, ?, ?) ON CONFLICT (key, user) DO UPDATE SET seen_at = excluded.seen_at`).run(key, user, at);
    },
    forgetUser(key, user) {
      statement('DELETE FROM key_users WHERE key = ? AND user = ?').run(key, user);
    },
    countUsers(key, since) {
      return (statement('SELECT count(*) AS users FROM key_users WHERE key = ? AND seen_at > ?').get(key, since) as { users: number }).users;
    },
  };
}
