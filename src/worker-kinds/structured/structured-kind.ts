import type { PassState } from '../../pass/pass-state.ts';
import type { WorkerKind } from '../worker-kind.ts';
import { sendStructured } from './send-structured.ts';
import { settleStructured } from './settle-structured.ts';
import type { StructuredSent } from './structured-sent.ts';

/** The `structured` kind: one model call per dispatch, answering one row or a batch of them with JSON. */
export function structuredKind(state: PassState): WorkerKind<StructuredSent> {
  return {
    name: 'structured',
    workers: (concurrency) => structuredWorkers(concurrency, state),
    send: (rows) => sendStructured(state, rows),
    settle: (sent) => settleStructured(state, sent),
  };
}

/**
 * The dispatches a structured pass has under way at once: twice as many as calls may be in flight
 * (the limiter holds that cap), since a dispatch whose call waits to be retried holds its row, and
 * must not leave the key with fewer calls in flight. Not where Swarm sets the output cap itself
 * (Anthropic): a call queued behind one cut off would go out with the cap it reserved, before the
 * raise, and be cut off too.
 */
export function structuredWorkers(concurrency: number, { chargesMaxTokensUpFront }: { chargesMaxTokensUpFront: boolean }): number {
  return chargesMaxTokensUpFront ? concurrency : concurrency * 2;
}

