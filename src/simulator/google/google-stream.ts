import type { StreamDialect } from '../provider-dialect.ts';
import { googleFinishReason } from './google-finish-reason.ts';
import { googleUsage } from './google-usage.ts';

/**
 * `streamGenerateContent?alt=sse`: each `data:` frame is a whole `GenerateContentResponse` with
 * the next text; the last carries the finish reason and full usage. An error part-way is a frame
 * holding `{ error }`, then the stream ends.
 */
export const googleStream: StreamDialect = {
  contentType: 'text/event-stream',
  start: () => '',
  delta: (call, answer, text) =>
    frame({
      candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }],
      usageMetadata: { promptTokenCount: answer.inputTokens, totalTokenCount: answer.inputTokens },
      modelVersion: call.model,
      responseId: answer.id,
    }),
  end: (call, answer) =>
    frame({
      candidates: [{ finishReason: googleFinishReason(answer), index: 0 }],
      usageMetadata: googleUsage(answer),
      modelVersion: call.model,
      responseId: answer.id,
    }),
  error: () => frame({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }),
};

// Gemini separates its frames with CRLF pairs.
function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\r\n\r\n`;
}
