import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** How many characters the tool calls and tool results of a prompt hold, counted as input like its text. */
export function promptToolCharacters(prompt: LanguageModelV4Prompt): number {
  let characters = 0;
  for (const message of prompt) {
    if (message.role !== 'assistant' && message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type === 'tool-call') characters += part.toolName.length + JSON.stringify(part.input ?? {}).length;
      // The dialects read every tool result as text.
      else if (part.type === 'tool-result' && part.output.type === 'text') characters += part.output.value.length;
    }
  }
  return characters;
}
