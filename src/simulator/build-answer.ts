import { buildMockAnswer } from '../mock-answer/build-mock-answer.ts';
import { promptCharacters } from '../mock-answer/prompt-characters.ts';
import { countTokens } from './count-tokens.ts';
import { isRecord } from './is-record.ts';
import { parseJson } from './parse-json.ts';
import { planToolCalls } from './plan-tool-calls.ts';
import { promptToolCharacters } from './prompt-tool-characters.ts';
import type { AnswerToolCall, SimulatedAnswer } from './simulated-answer.ts';
import type { SimulatedCall } from './simulated-call.ts';
import { toolCallArguments } from './tool-call-arguments.ts';

/** How an answer is broken on purpose, if at all. */
export type AnswerBreakage = 'malformed' | 'truncated' | undefined;

/**
 * The answer to a call: tool calls when the tool policy (`planToolCalls`) makes them, else the mock
 * model's deterministic, schema-valid JSON for the rows in the prompt (or plain text), broken if
 * asked, and cut at the request's output cap like a real model that runs out of `max_tokens`. A
 * structured answer through the answer tool is that JSON as the tool's arguments, unless broken or
 * cut (then it is text, as when a model writes its answer out instead); other tool calls are whole,
 * never broken nor cut at the output cap. Tokens are characters / 4
 * of the prompt (its text, tool calls and results, and the offered tools) and of the answer (its
 * text, or its calls' names and arguments). `toolCallId` gives each call its provider-style id.
 */
export function buildAnswer(
  call: SimulatedCall,
  { seed, breakage, id, nowMs, toolCallId }: { seed: number; breakage: AnswerBreakage; id: string; nowMs: number; toolCallId?: () => string },
): SimulatedAnswer {
  const toolDefinitions = call.tools === undefined ? 0 : JSON.stringify(call.tools.offered).length;
  const inputTokens = countTokens(promptCharacters(call.prompt) + promptToolCharacters(call.prompt) + toolDefinitions);
  const plan = planToolCalls(call.tools, call.prompt);
  const answered = (text: string, finishReason: SimulatedAnswer['finishReason'], toolCalls?: AnswerToolCall[]): SimulatedAnswer => {
    const characters = toolCalls === undefined ? text.length : toolCalls.reduce((sum, toolCall) => sum + toolCall.name.length + toolCall.arguments.length, 0);
    return { id, createdMs: nowMs, text, inputTokens, outputTokens: countTokens(characters), finishReason, ...(toolCalls === undefined ? {} : { toolCalls }) };
  };
  if (plan.kind === 'calls') {
    const toolCalls = plan.calls.map((planned) => ({ id: toolCallId?.(), name: planned.tool.name, arguments: toolCallArguments(planned, call.prompt, seed) }));
    return answered('', 'tool_calls', toolCalls);
  }
  if (plan.kind === 'scripted') return answered('', 'tool_calls', plan.calls.map(({ toolName, input }) => ({ id: toolCallId?.(), name: toolName, arguments: input })));
  const responseFormat = plan.kind === 'answer-tool' ? { type: 'json' as const, schema: plan.tool.parameters } : call.responseFormat;
  const mockText = buildMockAnswer(
    { prompt: call.prompt, responseFormat },
    // Like a real model, it sometimes leaves an optional property out or answers null where null is allowed.
    { seed, breakage: breakage === 'truncated' ? 'truncated' : undefined, vary: true },
  );
  let text = breakage === 'malformed' ? malform(mockText) : mockText;
  let finishReason: SimulatedAnswer['finishReason'] = breakage === 'truncated' ? 'length' : 'stop';
  if (call.maxOutputTokens !== undefined && countTokens(text.length) > call.maxOutputTokens) {
    text = text.slice(0, call.maxOutputTokens * 4);
    finishReason = 'length';
  }
  if (plan.kind === 'answer-tool' && finishReason === 'stop') {
    const parsed = parseJson(text);
    if (parsed.ok && isRecord(parsed.value)) return answered('', 'tool_calls', [{ id: toolCallId?.(), name: plan.tool.name, arguments: text }]);
  }
  return answered(text, finishReason);
}

/** Broken the way chatty models break JSON: prose around a code fence, and a trailing comma. */
function malform(text: string): string {
  return `Here is the JSON you asked for:\n\`\`\`json\n${text.replace(/([}\]])\s*$/, ',$1')}\n\`\`\``;
}
