/** A rate limit the simulator can enforce per API key and model, named as in `SimulatorLimits`. */
export type LimitName =
  | 'requestsPerMinute'
  | 'inputTokensPerMinute'
  | 'outputTokensPerMinute'
  | 'tokensPerMinute'
  | 'requestsPerDay'
  | 'tokensPerDay';

/** Every limit name, in the order rejections are reported when several are exceeded at once. */
export const limitNames: readonly LimitName[] = [
  'requestsPerMinute',
  'inputTokensPerMinute',
  'outputTokensPerMinute',
  'tokensPerMinute',
  'requestsPerDay',
  'tokensPerDay',
];

/** How long each limit's window is. */
export const limitPeriodMs: Readonly<Record<LimitName, number>> = {
  requestsPerMinute: 60_000,
  inputTokensPerMinute: 60_000,
  outputTokensPerMinute: 60_000,
  tokensPerMinute: 60_000,
  requestsPerDay: 86_400_000,
  tokensPerDay: 86_400_000,
};

/** Whether a limit counts output tokens, so a refund of unused output reserve reaches it. */
export const countsOutputTokens: Readonly<Record<LimitName, boolean>> = {
  requestsPerMinute: false,
  inputTokensPerMinute: false,
  outputTokensPerMinute: true,
  tokensPerMinute: true,
  requestsPerDay: false,
  tokensPerDay: true,
};

/** How much of a limit one call uses. */
export function chargedAmount(limit: LimitName, charge: { inputTokens: number; outputTokens: number }): number {
  switch (limit) {
    case 'requestsPerMinute':
    case 'requestsPerDay':
      return 1;
    case 'inputTokensPerMinute':
      return charge.inputTokens;
    case 'outputTokensPerMinute':
      return charge.outputTokens;
    case 'tokensPerMinute':
    case 'tokensPerDay':
      return charge.inputTokens + charge.outputTokens;
  }
}
