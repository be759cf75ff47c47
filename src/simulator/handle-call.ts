import { parseJson, type ParsedJson } from './parse-json.ts';
import { buildAnswer } from './build-answer.ts';
import { drawCallFate } from './call-fate.ts';
import { deliverAnswer } from './deliver-answer.ts';
import { isRecord } from './is-record.ts';
import { disclosedError } from './limits/disclosed-error.ts';
import type { LimitLedger } from './limits/limit-ledger.ts';
import type { ProviderDialect } from './provider-dialect.ts';
import { quotaRenewalMs } from './quota-renewal-ms.ts';
import type { SimulatedAnswer } from './simulated-answer.ts';
import type { SimulatedCall } from './simulated-call.ts';
import type { SimulatedError } from './simulated-error.ts';
import type { SimulatorContext } from './simulator-context.ts';
import type { RejectReason } from './simulator-stats.ts';

/**
 * Answers one provider request: reads it, applies account failures and injected faults, admits it
 * against the limits of its API key and model (or rejects it in the provider's 429 dialect), then
 * delivers the answer. Faults that stand for the provider failing before any work (overloaded,
 * server errors, injected 429s) use no quota; everything admitted does.
 */
export async function handleCall(
  context: SimulatorContext,
  dialect: ProviderDialect,
  request: Request,
  destroyConnection: () => void,
): Promise<Response> {
  const nowMs = Date.now();
  const url = new URL(request.url);
  const apiKey = dialect.apiKeyOf(request, url) ?? '';
  let bodyText: string;
  try {
    bodyText = await request.text();
  } catch {
    // The client left while sending; there is no one to answer.
    return new Response(null, { status: 499 });
  }
  const parsed = parseJson(bodyText);
  const call = parsed.ok ? dialect.parseCall(url, parsed.value) : 'The request body is not valid JSON.';
  const model = typeof call === 'string' ? modelOf(parsed) : call.model;
  const entry = context.recorder.entry(dialect.provider, apiKey, model);
  entry.received++;
  const reject = (error: SimulatedError, reason: RejectReason, limitHeaders: Record<string, string> = {}) => {
    const reply = dialect.errorReply(disclosedError(error, context.limitDisclosure), nowMs);
    context.recorder.rejected(entry, reason, reply.status);
    entry.log.push({
      atMs: nowMs,
      status: reply.status,
      outcome: reason,
      stream: typeof call !== 'string' && call.stream,
      maxOutputTokens: typeof call === 'string' ? undefined : call.maxOutputTokens,
      retryAfterMs: error.kind === 'rate-limit' && Number.isFinite(error.retryAfterMs) ? error.retryAfterMs : undefined,
    });
    return Response.json(reply.body, { status: reply.status, headers: { ...limitHeaders, ...reply.headers } });
  };

  if (typeof call === 'string') return reject({ kind: 'bad-request', message: call }, 'badRequest');
  if (apiKey === '') return reject({ kind: 'missing-key' }, 'auth');
  const { failAll } = context.faults;
  if (failAll === 'auth') return reject({ kind: 'auth' }, 'auth');
  if (failAll === 'billing') return reject({ kind: 'billing', model }, 'billing');
  if (failAll === 'quota') return reject({ kind: 'quota', model, retryAfterMs: quotaRenewalMs(dialect.provider, nowMs) }, 'quota');
  if (call.refusal !== undefined) return reject({ kind: 'bad-request', ...call.refusal }, 'badRequest');

  const fate = drawCallFate(context.random, context.faults, context.latency);
  if (fate.overloaded) return reject({ kind: 'overloaded' }, 'overloaded');
  if (fate.serverErrorStatus !== undefined) return reject({ kind: 'server-error', status: fate.serverErrorStatus }, 'serverError');
  const ledger = context.ledgerFor(dialect, apiKey, model, nowMs);
  const limitHeaders = () => (context.limitHeaders ? dialect.limitHeaders(ledger.status(nowMs), nowMs) : {});
  if (fate.injectedRateLimit) {
    // Real 429 bodies state the account's limit; with none configured, state a generous one (the
    // clients that learn limits from bodies must not shrink to a made-up limit of 1).
    const limitValue = ledger.capacity('requestsPerMinute') ?? 1_000_000;
    const retryAfterMs = context.faults.rateLimitRetryAfterMs;
    const error: SimulatedError = { kind: 'rate-limit', model, limit: 'requestsPerMinute', limitValue, used: limitValue, requested: 1, retryAfterMs };
    return reject(error, 'injectedRateLimit', limitHeaders());
  }

  const breakage = fate.malformed ? 'malformed' : fate.truncated ? 'truncated' : undefined;
  const answer = buildAnswer(call, { seed: context.seed, breakage, id: dialect.answerId(), nowMs, toolCallId: dialect.toolCallId });
  const reservedOutputTokens = outputReservation(dialect, call, answer, ledger);
  const generationMs = (answer.outputTokens / context.latency.tokensPerSecond) * 1000 * fate.generationFactor;
  const expectedEndMs = fate.hang ? Infinity : nowMs + fate.firstTokenMs + generationMs;
  const admission = ledger.admit({ inputTokens: answer.inputTokens, outputTokens: reservedOutputTokens }, expectedEndMs, nowMs);
  if (!admission.admitted) {
    const { rejection } = admission;
    const error: SimulatedError =
      rejection.limit !== 'maxInFlight' && !Number.isFinite(rejection.retryAfterMs)
        ? { kind: 'request-too-large', model, limit: rejection.limit, limitValue: rejection.limitValue, requested: rejection.requested }
        : { kind: 'rate-limit', model, ...rejection };
    return reject(error, rejection.limit, limitHeaders());
  }
  return deliverAnswer({
    context,
    dialect,
    call,
    answer,
    fate,
    entry,
    ticket: admission.ticket,
    unusedOutputTokens: dialect.outputCharge === 'max-tokens-refunded' ? reservedOutputTokens - answer.outputTokens : 0,
    generationMs,
    headers: limitHeaders(),
    signal: AbortSignal.any([request.signal, context.closing]),
    destroyConnection,
    nowMs,
  });
}

/** The output tokens charged when a call is admitted (see `OutputCharge`). */
function outputReservation(dialect: ProviderDialect, call: SimulatedCall, answer: SimulatedAnswer, ledger: LimitLedger): number {
  if (dialect.outputCharge === 'actual' || call.maxOutputTokens === undefined) return answer.outputTokens;
  if (dialect.outputCharge === 'max-tokens') return call.maxOutputTokens;
  // Capped at the output limits, or a large default max_tokens would make every call too large.
  const cap = Math.min(
    ledger.capacity('outputTokensPerMinute') ?? Infinity,
    (ledger.capacity('tokensPerMinute') ?? Infinity) - answer.inputTokens,
    (ledger.capacity('tokensPerDay') ?? Infinity) - answer.inputTokens,
  );
  return Math.max(answer.outputTokens, Math.min(call.maxOutputTokens, cap));
}

function modelOf(parsed: ParsedJson): string {
  return parsed.ok && isRecord(parsed.value) && typeof parsed.value.model === 'string' ? parsed.value.model : '';
}
