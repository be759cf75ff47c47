import type { LanguageModelV4Message } from '@ai-sdk/provider';

/** An `assistant` prompt message with its texts and the tool calls it made. */
export function toolCallMessage(texts: string[], calls: Array<{ toolCallId: string; toolName: string; input: unknown }>): LanguageModelV4Message {
  return {
    role: 'assistant',
    content: [...texts.map((text) => ({ type: 'text' as const, text })), ...calls.map((call) => ({ type: 'tool-call' as const, ...call }))],
  };
}
