import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** Tokens in a text, at about four characters a token: close enough to reserve and project; actual usage is settled afterwards. */
export function estimateTokens(text: string | number): number {
  return Math.ceil((typeof text === 'number' ? text : text.length) / 4);
}

/** Estimated input tokens of a prompt: the characters of its text parts. */
export function estimatePromptTokens(prompt: LanguageModelV4Prompt): number {
  let characters = 0;
  for (const message of prompt) {
    if (typeof message.content === 'string') characters += message.content.length;
    else for (const part of message.content) if (part.type === 'text') characters += part.text.length;
  }
  return estimateTokens(characters);
}
