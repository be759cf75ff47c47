import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** Tokens in a text, at about four characters a token: close enough to reserve and project; actual usage is settled afterwards. */
export function estimateTokens(text: string | number): number {
  return Math.ceil((typeof text === 'number' ? text : text.length) / 4);
}

/** Estimated input tokens of a prompt: the characters of its text and reasoning, and of a tool loop's calls and results as JSON. */
export function estimatePromptTokens(prompt: LanguageModelV4Prompt): number {
  let characters = 0;
  for (const message of prompt) {
    if (typeof message.content === 'string') characters += message.content.length;
    else {
      for (const part of message.content) {
        if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
        else if (part.type === 'tool-call') characters += jsonLength(part.input);
        else if (part.type === 'tool-result') characters += jsonLength(part.output);
      }
    }
  }
  return estimateTokens(characters);
}

function jsonLength(value: unknown): number {
  return typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0);
}
