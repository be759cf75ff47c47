import type { StreamDialect } from '../provider-dialect.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { geminiParts } from './gemini-parts.ts';
import { googleFinishReason } from './google-finish-reason.ts';
import { googleUsage } from './google-usage.ts';

/**
 * `streamGenerateContent?alt=sse`: each `data:` frame is a whole `GenerateContentResponse` with
 * the next text; a function call comes whole in one frame, arguments and all (the Gemini API
 * streams no partial arguments); the last frame carries the finish reason and full usage. An error
 * part-way is a frame holding `{ error }`, then the stream ends.
 */
export const googleStream: StreamDialect = {
  contentType: 'text/event-stream',
  start: () => '',
  partStart: (call, answer, index) => (answer.toolCalls === undefined ? '' : contentFrame(call, answer, geminiParts(answer)[index]!)),
  delta: (call, answer, _index, text) => (answer.toolCalls === undefined ? contentFrame(call, answer, { text }) : ''),
  partEnd: () => '',
  end: (call, answer) =>
    frame({
      candidates: [{ finishReason: googleFinishReason(answer), index: 0 }],
      usageMetadata: googleUsage(answer),
      modelVersion: call.model,
      responseId: answer.id,
    }),
  error: () => frame({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }),
};

function contentFrame(call: SimulatedCall, answer: SimulatedAnswer, part: Record<string, unknown>): string {
  return frame({
    candidates: [{ content: { parts: [part], role: 'model' }, index: 0 }],
    usageMetadata: { promptTokenCount: answer.inputTokens, totalTokenCount: answer.inputTokens },
    modelVersion: call.model,
    responseId: answer.id,
  });
}

// Gemini separates its frames with CRLF pairs.
function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\r\n\r\n`;
}
