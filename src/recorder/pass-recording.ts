import type { ResponseCache } from '../cache/response-cache.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { PassUsage } from './pass-usage.ts';
import type { ResultWriter, RowFailure } from './result-writer.ts';

/** What a running pass records into: its store writer, event bus, cache and running counts. */
export interface PassRecording {
  passId: string;
  writer: ResultWriter;
  events: EventBus;
  /** The response cache, unless the pass turned it off. */
  cache: ResponseCache | undefined;
  /** The pass model's price of a call; undefined for an unpriced model. */
  costOf: (inputTokens: number, outputTokens: number) => number | undefined;
  completed: number;
  failed: number;
  failures: RowFailure[];
  usage: PassUsage;
}
