import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { ToolToCall } from './tool-to-call.ts';

/** A provider request read off the wire into the form the mock answer generator takes. */
export interface SimulatedCall {
  model: string;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`: send a final chunk with the usage. */
  includeUsage: boolean;
  prompt: LanguageModelV4Prompt;
  responseFormat: LanguageModelV4CallOptions['responseFormat'];
  /** The request's output cap (`max_tokens`, `maxOutputTokens`), if it set one. */
  maxOutputTokens: number | undefined;
  /** Anthropic: the forced tool to answer with (the AI SDK's JSON-tool mode) instead of text. */
  answerTool: string | undefined;
  /** OpenAI Chat: a function the request offers that the answer calls instead of answering text (see `nextOpenAIToolCall`). */
  toolToCall?: ToolToCall;
  /** The provider refuses the call with a 400 (a response schema it will not enforce): its message, and OpenAI's `param` and `code`. */
  refusal?: { message: string; param?: string; code?: string | null };
}
