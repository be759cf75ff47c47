import type { LimitName } from '../limits/limit-name.ts';

/** The quota metric and id a Gemini 429 names in its QuotaFailure. */
export interface GoogleQuota {
  metric: string;
  quotaId: string;
}

/**
 * The Gemini API's paid-tier quota for each limit. Its per-minute token quota counts input tokens,
 * so `inputTokensPerMinute` is the realistic one to set; the output and per-day token quotas have
 * no real counterpart and are named by analogy.
 */
export const googleQuotas: Readonly<Record<LimitName, GoogleQuota>> = {
  requestsPerMinute: { metric: 'generate_requests_per_model', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' },
  requestsPerDay: { metric: 'generate_requests_per_model_per_day', quotaId: 'GenerateRequestsPerDayPerProjectPerModel' },
  inputTokensPerMinute: { metric: 'generate_content_paid_tier_input_token_count', quotaId: 'GenerateContentPaidTierInputTokensPerModelPerMinute' },
  tokensPerMinute: { metric: 'generate_content_paid_tier_input_token_count', quotaId: 'GenerateContentPaidTierInputTokensPerModelPerMinute' },
  outputTokensPerMinute: { metric: 'generate_content_paid_tier_output_token_count', quotaId: 'GenerateContentPaidTierOutputTokensPerModelPerMinute' },
  tokensPerDay: { metric: 'generate_content_paid_tier_input_token_count_per_day', quotaId: 'GenerateContentPaidTierInputTokensPerModelPerDay' },
};

/** The free tier's per-day request quota, which reads `limit: 0` for a model that needs billing. */
export const googleFreeTierDailyQuota: GoogleQuota = {
  metric: 'generate_content_free_tier_requests',
  quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
};
