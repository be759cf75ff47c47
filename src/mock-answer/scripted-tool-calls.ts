import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

// "CALL tool_name {json}" on a line of its own (a row's value may open and close around it): the
// mock models obey it as a gullible model would obey a prompt, which is how tests script tool calls
// (and prompt injections) row by row. "CALL+2 tool_name {json}" is called in the third round instead.
const directive = /(?:^|>)[ \t]*CALL(?:\+(\d{1,2}))?[ \t]+([A-Za-z0-9_-]{1,64})[ \t]+(\{.*\})(?=[ \t]*(?:$|<\/))/gm;

/**
 * The tool calls the user's messages script for this round (`CALL name {json}` lines: round 0;
 * `CALL+n name {json}`: round n), each with its input as written; none when the round has none,
 * undefined when the prompt scripts no call at all. The round is the number of tool-calling turns
 * already in the prompt. Shared by the mock model and the provider simulator, so one row scripts
 * the same calls on both.
 */
export function scriptedToolCalls(prompt: LanguageModelV4Prompt): Array<{ toolName: string; input: string }> | undefined {
  const round = prompt.filter((message) => message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call')).length;
  const userText = prompt
    .filter((message) => message.role === 'user')
    .flatMap((message) => message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])))
    .join('\n');
  const calls = [...userText.matchAll(directive)].map((match) => ({ round: Number(match[1] ?? 0), toolName: match[2]!, input: match[3]! }));
  if (calls.length === 0) return undefined;
  return calls.filter((call) => call.round === round).map(({ toolName, input }) => ({ toolName, input }));
}
