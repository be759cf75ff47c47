import type { OfferedTool, ToolUse } from './tool-use.ts';

/**
 * The AI SDK's JSON response tool among a request's tools, if there is one: the last tool, named
 * `json` (`json_1`, `json_2`… when a tool of the request's own took the name), with the call forced.
 * The AI SDK adds it to carry a structured answer where it does not use the API's own structured
 * output (Anthropic's `jsonTool` mode; Gemini models before 3, which refuse JSON output with tools).
 */
export function answerToolOf(offered: OfferedTool[], choice: ToolUse['choice']): string | undefined {
  const last = offered.at(-1);
  return choice === 'required' && last !== undefined && /^json(_\d+)?$/.test(last.name) ? last.name : undefined;
}
