import type { LimitStatus } from './limits/limit-ledger.ts';
import type { LimitName } from './limits/limit-name.ts';
import type { WindowKind } from './limits/create-limit-ledger.ts';
import type { ProviderName } from './provider-name.ts';
import type { SimulatedAnswer } from './simulated-answer.ts';
import type { SimulatedCall } from './simulated-call.ts';
import type { SimulatedError } from './simulated-error.ts';

/** An error response: status, headers and JSON body. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Where each enforced limit of the caller's key and model stands. */
export type LimitStatuses = Partial<Record<LimitName, LimitStatus>>;

/**
 * How output tokens are charged against the limits: `max-tokens` reserves the request's
 * `max_tokens` (else the actual output) and keeps it; `max-tokens-refunded` reserves it and gives
 * back the unused part when the call ends; `actual` charges what is generated.
 */
export type OutputCharge = 'max-tokens' | 'max-tokens-refunded' | 'actual';

/**
 * The frames of a provider's server-sent-event stream. An answer streams as parts (see
 * `answerParts`): its text, or each tool call's arguments; each part opens, arrives in pieces and
 * closes.
 */
export interface StreamDialect {
  contentType: string;
  /** Frames before the first part. */
  start(call: SimulatedCall, answer: SimulatedAnswer): string;
  /** Frames opening part `index`. */
  partStart(call: SimulatedCall, answer: SimulatedAnswer, index: number): string;
  /** A frame carrying the next piece of part `index`. */
  delta(call: SimulatedCall, answer: SimulatedAnswer, index: number, text: string): string;
  /** Frames closing part `index`. */
  partEnd(call: SimulatedCall, answer: SimulatedAnswer, index: number): string;
  /** Frames after the last part: finish reason, usage, end marker. */
  end(call: SimulatedCall, answer: SimulatedAnswer): string;
  /** The in-stream error frame the provider sends when generation fails part-way. */
  error(call: SimulatedCall, answer: SimulatedAnswer): string;
}

/** One provider's wire format and rate-limit behaviour. */
export interface ProviderDialect {
  provider: ProviderName;
  windowKind: WindowKind;
  outputCharge: OutputCharge;
  /** A fresh id for an answer, in the provider's style (`chatcmpl-…`, `msg_01…`). */
  answerId(): string;
  /** A fresh id for a tool call, in the provider's style (`call_…`, `toolu_01…`); none for Gemini, whose calls carry no id. */
  toolCallId?: () => string;
  /** The API key as the provider's SDKs send it. */
  apiKeyOf(request: Request, url: URL): string | undefined;
  /** Reads a call from the request; a string says why it is a bad request. */
  parseCall(url: URL, body: unknown): SimulatedCall | string;
  /** The header naming the request, sent with every answer as the provider does (OpenAI `x-request-id`, Anthropic `request-id`; Gemini none). */
  requestIdHeaders(): Record<string, string>;
  /** The headers that report the limits, sent with answers and 429s. */
  limitHeaders(statuses: LimitStatuses, nowMs: number): Record<string, string>;
  /** An error in the provider's format. */
  errorReply(error: SimulatedError, nowMs: number): ErrorReply;
  /** The JSON body of a complete (non-streaming) answer. */
  answerBody(call: SimulatedCall, answer: SimulatedAnswer): unknown;
  stream: StreamDialect;
}
