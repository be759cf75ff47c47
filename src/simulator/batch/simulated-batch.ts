import type { ProviderName } from '../provider-name.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import type { SimulatedError } from '../simulated-error.ts';

/** What processing decided for one item, at creation (so the seeded draws follow submission order). */
export type SimulatedItemOutcome =
  | { kind: 'answer'; call: SimulatedCall; answer: SimulatedAnswer }
  | { kind: 'error'; error: SimulatedError }
  /** Never finishes: expired when the batch ends (also what a hung call becomes in a batch). */
  | { kind: 'expire' };

/** One request of a batch. */
export interface SimulatedBatchItem {
  /** The caller's id for it (`custom_id`, Gemini's `metadata.key`). */
  customId: string;
  outcome: SimulatedItemOutcome;
  /** When it finishes (epoch ms); Infinity for an item that expires. */
  finishMs: number;
}

/** Where an item stands at some moment. */
export type SimulatedItemState = 'processing' | 'succeeded' | 'errored' | 'expired' | 'cancelled';

/** A batch job as the simulator keeps it. */
export interface SimulatedBatch {
  /** The provider-style id (`batch_…`, `msgbatch_01…`, `batches/…`). */
  id: string;
  provider: ProviderName;
  apiKey: string;
  model: string;
  createdMs: number;
  /** When it ends: every item has finished or expired. */
  deadlineMs: number;
  /** When a cancel was asked for; unfinished items are cancelled and the batch ends then. */
  cancelledMs: number | undefined;
  items: SimulatedBatchItem[];
  /** Provider fields echoed in its batch object (OpenAI's endpoint and files, Gemini's display name). */
  details: Record<string, unknown>;
}
