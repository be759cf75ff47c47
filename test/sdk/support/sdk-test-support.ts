// Helpers shared by the SDK tests only; kept in one file because each is a few lines.
import { Ajv } from 'ajv';

/** The JSON Schema the SDK tests ask for: one review's sentiment and score. */
export const reviewSchema = {
  type: 'object',
  properties: {
    sentiment: { type: 'string', enum: ['positive', 'negative', 'neutral'] },
    score: { type: 'integer', minimum: 1, maximum: 5 },
  },
  required: ['sentiment', 'score'],
  additionalProperties: false,
} as const;

const validateReview = new Ajv({ strict: false }).compile(reviewSchema);

/** Parses `text` and throws unless it is JSON valid for `reviewSchema`. */
export function parseReview(text: string): { sentiment: string; score: number } {
  const value: unknown = JSON.parse(text);
  if (!validateReview(value)) throw new Error(`schema-invalid answer ${text}: ${JSON.stringify(validateReview.errors)}`);
  return value as { sentiment: string; score: number };
}

/** Polls `read` every `intervalMs` until `done` holds for what it returns (fails after `timeoutMs`). */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, { intervalMs = 20, timeoutMs = 10_000 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not done after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
