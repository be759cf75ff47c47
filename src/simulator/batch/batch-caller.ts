import type { ProviderDialect } from '../provider-dialect.ts';
import { quotaRenewalMs } from '../quota-renewal-ms.ts';
import type { SimulatedError } from '../simulated-error.ts';
import type { SimulatorContext } from '../simulator-context.ts';

/**
 * The API key of a batch-API request, or the error the provider answers it with: no key, or an
 * account failure (`failAll`). No credit or quota stops only the creation of batches; reading and
 * cancelling existing ones still works, as at the real providers.
 */
export function batchCaller(
  context: SimulatorContext,
  dialect: ProviderDialect,
  request: Request,
  { creating, model = '', nowMs }: { creating: boolean; model?: string; nowMs: number },
): { apiKey: string } | { rejection: Response } {
  const apiKey = dialect.apiKeyOf(request, new URL(request.url)) ?? '';
  const { failAll } = context.faults;
  if (apiKey === '') return { rejection: errorResponse(dialect, { kind: 'missing-key' }, nowMs) };
  if (failAll === 'auth') return { rejection: errorResponse(dialect, { kind: 'auth' }, nowMs) };
  if (creating && failAll === 'billing') return { rejection: errorResponse(dialect, { kind: 'billing', model }, nowMs) };
  if (creating && failAll === 'quota') {
    return { rejection: errorResponse(dialect, { kind: 'quota', model, retryAfterMs: quotaRenewalMs(dialect.provider, nowMs) }, nowMs) };
  }
  return { apiKey };
}

/** `error` as the provider's error response. */
export function errorResponse(dialect: ProviderDialect, error: SimulatedError, nowMs: number): Response {
  const reply = dialect.errorReply(error, nowMs);
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
}
