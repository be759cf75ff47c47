import type { LanguageModelV4Message } from '@ai-sdk/provider';

/** A `tool` prompt message holding the results of earlier tool calls, each as text. */
export function toolResultMessage(results: Array<{ toolCallId: string; toolName: string; text: string }>): LanguageModelV4Message {
  return {
    role: 'tool',
    content: results.map(({ toolCallId, toolName, text }) => ({ type: 'tool-result' as const, toolCallId, toolName, output: { type: 'text' as const, value: text } })),
  };
}
