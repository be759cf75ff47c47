import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { geminiParts } from './gemini-parts.ts';
import { googleFinishReason } from './google-finish-reason.ts';
import { googleUsage } from './google-usage.ts';

/** A complete `GenerateContentResponse`; an answer that calls tools has `functionCall` parts and finishes with `STOP`. */
export function googleAnswerBody(call: SimulatedCall, answer: SimulatedAnswer): unknown {
  return {
    candidates: [
      {
        content: { parts: geminiParts(answer), role: 'model' },
        finishReason: googleFinishReason(answer),
        index: 0,
      },
    ],
    usageMetadata: googleUsage(answer),
    modelVersion: call.model,
    responseId: answer.id,
  };
}
