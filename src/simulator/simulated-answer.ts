/** The answer the simulator sends for an accepted call. */
export interface SimulatedAnswer {
  /** The provider-style id of the response. */
  id: string;
  createdMs: number;
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** `length` when the text was cut short (an injected truncation or the request's output cap). */
  finishReason: 'stop' | 'length';
}
