import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createSecretRedactor } from '../call/secret-redactor.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { Governance } from './governance.ts';
import { longestProviderWaitMs } from './longest-provider-wait.ts';
import { createOutputEstimate } from './output-estimate.ts';

/** Governance with every default applied, read by every call of one governed model. */
export type PreparedGovernance = Readonly<
  Required<Omit<Governance, 'budget' | 'recorder' | 'cache' | 'outputCap' | 'abortSignal'>> &
    Pick<Governance, 'budget' | 'recorder' | 'cache' | 'outputCap' | 'abortSignal'>
>;

const unpriced = () => undefined;

/** Validates `governance` and applies its defaults once. */
export function prepareGovernance(model: LanguageModelV4, governance: Governance): PreparedGovernance {
  const {
    maxAttempts = 6,
    timeoutMs = 120_000,
    firstTokenTimeoutMs = 30_000,
    longestParkMs = longestProviderWaitMs,
  } = governance;
  for (const [name, value] of Object.entries({ maxAttempts, timeoutMs, firstTokenTimeoutMs, longestParkMs })) {
    if (!(value > 0)) throw new InvalidInputError(`governance: ${name} must be a number above 0, got ${value}`);
  }
  return Object.freeze({
    ...governance,
    limiterOwner: governance.limiterOwner ?? '',
    costOf: governance.costOf ?? unpriced,
    recordAnswers: governance.recordAnswers ?? true,
    maxAttempts,
    timeoutMs,
    stream: governance.stream ?? false,
    firstTokenTimeoutMs,
    longestParkMs,
    cacheToolCalls: governance.cacheToolCalls ?? false,
    cacheIdentity: governance.cacheIdentity ?? `${model.provider}:${model.modelId}`,
    chargesMaxTokensUpFront: governance.chargesMaxTokensUpFront ?? false,
    outputEstimate: governance.outputEstimate ?? createOutputEstimate({ initialPerRow: 256 }),
    secrets: governance.secrets ?? createSecretRedactor(),
  });
}
