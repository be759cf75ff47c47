import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { parseDuration } from '../limit/parse-duration.ts';
import type { RateLimits } from '../limit/rate-limits.ts';

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
  /** Limits the body states: OpenAI's 429 message ("Limit 1200"), Gemini's QuotaFailure `quotaValue`. */
  limits?: RateLimits;
}

// OpenAI: "Rate limit reached for gpt-4o-mini ... on requests per min (RPM): Limit 1200, Used 1200, Requested 1."
const openAiLimitPattern = /on (requests|tokens) per min \((?:RPM|TPM)\): Limit (\d+)/;

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
  const openAiLimit = openAiLimitPattern.exec(reading.message ?? '');
  if (openAiLimit !== null) reading.limits = { [openAiLimit[1] === 'requests' ? 'requestsPerMinute' : 'tokensPerMinute']: Number(openAiLimit[2]) };
  if (Array.isArray(fields.details)) {
    for (const detail of fields.details as Record<string, unknown>[]) {
      const type = String(detail?.['@type'] ?? '');
      if (type.endsWith('RetryInfo') && typeof detail.retryDelay === 'string') reading.retryDelayMs = parseDuration(detail.retryDelay);
      if (type.endsWith('QuotaFailure') && Array.isArray(detail.violations)) {
        const violations = detail.violations as Record<string, unknown>[];
        if (violations.some((violation) => /PerDay/i.test(String(violation?.quotaId ?? '')))) reading.quotaExhausted = true;
        for (const violation of violations) {
          const value = Number(violation?.quotaValue);
          if (/^GenerateRequestsPerMinute/.test(String(violation?.quotaId ?? '')) && value > 0) reading.limits = { ...reading.limits, requestsPerMinute: value };
        }
      }
    }
  }
  return reading;
}
