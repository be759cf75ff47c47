import type { ValueGenerator } from './value-generator.ts';

/** A response schema compiled once, for answering any number of calls that use it. */
export interface AnswerPlan {
  /** Generates the whole answer for one row (or for the prompt when it has no row ids). */
  single: ValueGenerator;
  /** Set when the schema asks for `{ results: [{ id, ...fields }] }`: answers one item per row id. */
  batch:
    | {
        /** Generates one result item; its `id` is then set to the row id. */
        item: ValueGenerator;
        /** Generates the other top-level properties beside `results`, if the schema has any. */
        envelope: ValueGenerator | undefined;
        /** The schema's `id` is a number, so numeric row ids are answered as numbers. */
        numericId: boolean;
      }
    | undefined;
  /** A top-level field and a value of the wrong type for it, to break a single answer. */
  singleCorruption: Corruption | undefined;
  /** A result-item field and a value of the wrong type for it, to break a batch answer. */
  batchCorruption: Corruption | undefined;
}

/** One field set to a value its schema rejects. */
export interface Corruption {
  key: string;
  value: unknown;
}
