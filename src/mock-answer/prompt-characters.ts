import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** How many characters of text a prompt holds, for the mock's token estimate (non-text parts count as nothing). */
export function promptCharacters(prompt: LanguageModelV4Prompt): number {
  let characters = 0;
  for (const message of prompt) {
    if (message.role === 'system') {
      characters += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
    }
  }
  return characters;
}
