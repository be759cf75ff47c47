import type { Store } from '../store/store.ts';

/** Keeps one of a pass's events in the store (for `replay` and the dashboard). */
export function persistPassEvent(store: Store, type: string, passId: string, data: unknown): void {
  store.events.append({ type, passId, data, at: Date.now() });
}
