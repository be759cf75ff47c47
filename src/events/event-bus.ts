import type { SwarmEvent } from './swarm-event.ts';

/** A listener for engine events. */
export type SwarmEventListener = (event: SwarmEvent) => void;

/** An in-process bus: every emitted event reaches every current listener, synchronously, in order. */
export interface EventBus {
  emit(event: SwarmEvent): void;
  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: SwarmEventListener): () => void;
  /** Whether anyone listens (lets hot paths skip building events). */
  readonly active: boolean;
}

/** Creates an event bus. A listener that throws is removed, so it cannot break a pass. */
export function createEventBus(): EventBus {
  const listeners = new Set<SwarmEventListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          listeners.delete(listener);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get active() {
      return listeners.size > 0;
    },
  };
}
