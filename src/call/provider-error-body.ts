import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { parseDuration } from '../limit/parse-duration.ts';

/** What an error body says, across the OpenAI, Anthropic and Gemini dialects. */
export interface ProviderErrorBody {
  /** OpenAI `error.code`, Anthropic `error.type`, Gemini `error.status`. */
  code?: string;
  message?: string;
  /** Gemini's `RetryInfo.retryDelay`, the only place it says how long to wait. */
  retryDelayMs?: number;
  /** A quota that will not refill soon (OpenAI `insufficient_quota`, a Gemini per-day quota, an Anthropic spend limit). */
  quotaExhausted: boolean;
  /** The account cannot pay (Anthropic billing_error or a too-low credit balance). */
  billing: boolean;
}

/** Reads a provider error body; unknown shapes give an empty reading. */
export function readProviderErrorBody(body: string | undefined): ProviderErrorBody {
  const reading: ProviderErrorBody = { quotaExhausted: false, billing: false };
  if (body === undefined || body === '') return reading;
  const parsed = parseUntrustedJson(body);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return reading;
  const error = (parsed.value as { error?: unknown }).error;
  if (error === null || typeof error !== 'object') return reading;
  const fields = error as { code?: unknown; type?: unknown; status?: unknown; message?: unknown; details?: unknown };
  reading.code = [fields.code, fields.status, fields.type].find((value): value is string => typeof value === 'string');
  reading.message = typeof fields.message === 'string' ? fields.message : undefined;
  if (reading.code === 'insufficient_quota' || fields.type === 'insufficient_quota') reading.quotaExhausted = true;
  // Anthropic's spend limit is a plain 400 invalid_request_error: only its message tells it apart.
  if (/reached your specified API usage limits/i.test(reading.message ?? '')) reading.quotaExhausted = true;
  if (fields.type === 'billing_error' || /credit balance is too low/i.test(reading.message ?? '')) reading.billing = true;
  if (Array.isArray(fields.details)) {
    for (const detail of fields.details as Record<string, unknown>[]) {
      const type = String(detail?.['@type'] ?? '');
      if (type.endsWith('RetryInfo') && typeof detail.retryDelay === 'string') reading.retryDelayMs = parseDuration(detail.retryDelay);
      if (type.endsWith('QuotaFailure') && Array.isArray(detail.violations)) {
        const perDay = (detail.violations as Record<string, unknown>[]).some((violation) => /PerDay/i.test(String(violation?.quotaId ?? '')));
        if (perDay) reading.quotaExhausted = true;
      }
    }
  }
  return reading;
}
