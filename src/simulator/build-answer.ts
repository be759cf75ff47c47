import { buildMockAnswer } from '../mock-answer/build-mock-answer.ts';
import { promptCharacters } from '../mock-answer/prompt-characters.ts';
import { countTokens } from './count-tokens.ts';
import type { SimulatedAnswer } from './simulated-answer.ts';
import type { SimulatedCall } from './simulated-call.ts';

/** How an answer is broken on purpose, if at all. */
export type AnswerBreakage = 'malformed' | 'truncated' | undefined;

/**
 * The answer to a call: the mock model's deterministic, schema-valid JSON for the rows in the
 * prompt (or plain text), broken if asked, and cut at the request's output cap like a real model
 * that runs out of `max_tokens`. Tokens are characters / 4 of the prompt's text and the answer.
 */
export function buildAnswer(
  call: SimulatedCall,
  { seed, breakage, id, nowMs }: { seed: number; breakage: AnswerBreakage; id: string; nowMs: number },
): SimulatedAnswer {
  if (call.toolToCall !== undefined) {
    // The call's arguments, valid for the tool's schema; a tool call is never broken on purpose.
    const text = buildMockAnswer({ prompt: call.prompt, responseFormat: { type: 'json', schema: call.toolToCall.parameters } }, { seed, breakage: undefined });
    const inputTokens = countTokens(promptCharacters(call.prompt));
    return { id, createdMs: nowMs, text, inputTokens, outputTokens: countTokens(text.length), finishReason: 'tool_calls', toolCall: { id: `call_${id.slice(-24)}`, name: call.toolToCall.name } };
  }
  const mockText = buildMockAnswer(
    { prompt: call.prompt, responseFormat: call.responseFormat },
    // Like a real model, it sometimes leaves an optional property out or answers null where null is allowed.
    { seed, breakage: breakage === 'truncated' ? 'truncated' : undefined, vary: true },
  );
  let text = breakage === 'malformed' ? malform(mockText) : mockText;
  let finishReason: SimulatedAnswer['finishReason'] = breakage === 'truncated' ? 'length' : 'stop';
  if (call.maxOutputTokens !== undefined && countTokens(text.length) > call.maxOutputTokens) {
    text = text.slice(0, call.maxOutputTokens * 4);
    finishReason = 'length';
  }
  return {
    id,
    createdMs: nowMs,
    text,
    inputTokens: countTokens(promptCharacters(call.prompt)),
    outputTokens: countTokens(text.length),
    finishReason,
  };
}

/** Broken the way chatty models break JSON: prose around a code fence, and a trailing comma. */
function malform(text: string): string {
  return `Here is the JSON you asked for:\n\`\`\`json\n${text.replace(/([}\]])\s*$/, ',$1')}\n\`\`\``;
}
