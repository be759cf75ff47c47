/**
 * The task both sides of the pass benchmarks perform: classify a short review into a sentiment
 * with a confidence, as structured output. Kept small so the benchmark measures the engine, not
 * the mock model's JSON generation.
 */
export const classificationTask = {
  instruction: 'Classify the sentiment of this product review: {text}',
  responseSchema: {
    type: 'object',
    properties: {
      sentiment: { type: 'string', enum: ['positive', 'negative', 'neutral'] },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    },
    required: ['sentiment', 'confidence'],
    additionalProperties: false,
  },
};

/** The arguments both pass children take. */
export interface PassChildArguments {
  inputFile: string;
  rows: number;
  concurrency: number;
  /** Where the baseline appends its JSONL results; the Swarm side writes to its store (`SWARM_DIR`). */
  outputFile: string;
}
