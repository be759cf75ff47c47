/** The answer the simulator sends for an accepted call. */
export interface SimulatedAnswer {
  /** The provider-style id of the response. */
  id: string;
  createdMs: number;
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** `length` when the text was cut short (an injected truncation or the request's output cap); `tool_calls` for a tool call. */
  finishReason: 'stop' | 'length' | 'tool_calls';
  /** The call of a tool the request offered, whose arguments are `text`. */
  toolCall?: { id: string; name: string };
}
