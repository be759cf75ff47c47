import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { ToolUse } from './tool-use.ts';

/** Why the provider refuses a call with a 400: its message, OpenAI's `param` and `code`, Gemini's `details`. */
export interface Refusal {
  message: string;
  param?: string;
  code?: string | null;
  details?: unknown[];
}

/** A provider request read off the wire into the form the mock answer generator takes. */
export interface SimulatedCall {
  model: string;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`: send a final chunk with the usage. */
  includeUsage: boolean;
  /** The conversation: texts, and the tool calls and results of earlier turns (`tool-call` parts, `tool` messages). */
  prompt: LanguageModelV4Prompt;
  responseFormat: LanguageModelV4CallOptions['responseFormat'];
  /** The request's output cap (`max_tokens`, `maxOutputTokens`), if it set one. */
  maxOutputTokens: number | undefined;
  /** The function tools the request offers and how it lets the model use them; undefined when it offers none. */
  tools?: ToolUse;
  /** The provider refuses the call with a 400 (a schema it will not enforce, a tool result answering no call…). */
  refusal?: Refusal;
}
