import { APICallError } from '@ai-sdk/provider';
import { readProviderErrorBody } from '../call/provider-error-body.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';

/** Teaches the limiter the limits a 429's body states (OpenAI's message, Gemini's QuotaFailure), with nothing left until the park ends. */
export function learnFromRefusal(limiter: KeyLimiter, error: unknown, { sentAt }: { sentAt: number }): void {
  if (!APICallError.isInstance(error)) return;
  const { limits } = readProviderErrorBody(error.responseBody);
  if (limits === undefined) return;
  const remaining = Object.fromEntries(Object.keys(limits).map((key) => [key, 0]));
  limiter.learn({ limits, remaining, source: 'learned', sentAt });
}
