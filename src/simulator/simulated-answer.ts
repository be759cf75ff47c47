/** One tool call of an answer: its id in the provider's style (Gemini's calls have none), the tool, and its arguments as JSON text. */
export interface AnswerToolCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

/** The answer the simulator sends for an accepted call. */
export interface SimulatedAnswer {
  /** The provider-style id of the response. */
  id: string;
  createdMs: number;
  /** The answer text; empty when the answer calls tools. */
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** `length` when the text was cut short (an injected truncation or the request's output cap); `tool_calls` when the answer calls tools. */
  finishReason: 'stop' | 'length' | 'tool_calls';
  /** The tools the answer calls, in order, instead of answering in text. */
  toolCalls?: AnswerToolCall[];
}
