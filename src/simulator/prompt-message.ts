import type { LanguageModelV4Message } from '@ai-sdk/provider';

/** A prompt message in AI SDK form from a wire message's role and texts. */
export function promptMessage(role: 'system' | 'user' | 'assistant', texts: string[]): LanguageModelV4Message {
  if (role === 'system') return { role, content: texts.join('\n') };
  return { role, content: texts.map((text) => ({ type: 'text' as const, text })) };
}
