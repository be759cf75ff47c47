import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** The tool turns of a conversation so far: how many assistant turns called tools, and the names they called. */
export interface ToolRounds {
  rounds: number;
  called: ReadonlySet<string>;
}

/** The tool rounds of `prompt`: its assistant messages with `tool-call` parts. */
export function toolRoundsOf(prompt: LanguageModelV4Prompt): ToolRounds {
  let rounds = 0;
  const called = new Set<string>();
  for (const message of prompt) {
    if (message.role !== 'assistant') continue;
    const calls = message.content.filter((part) => part.type === 'tool-call');
    if (calls.length > 0) rounds++;
    for (const call of calls) called.add(call.toolName);
  }
  return { rounds, called };
}
