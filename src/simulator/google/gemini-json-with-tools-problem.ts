import type { ToolUse } from '../tool-use.ts';

/**
 * Gemini models before 3 refuse JSON output beside function calling that may call
 * ("Function calling with a response mime type: 'application/json' is unsupported", as reported
 * for gemini-2.5-flash in symfony/ai#1777; with mode `NONE` the request runs, google/adk-python#5735).
 * Gemini 3 takes both (the AI SDK sends them together only there). A model whose version does not
 * show in its name is taken to accept.
 */
export function geminiJsonWithToolsProblem(model: string, jsonOutput: boolean, tools: ToolUse | undefined): string | undefined {
  const major = Number(/gemini-(\d+)/.exec(model)?.[1]);
  if (!jsonOutput || tools === undefined || tools.choice === 'none' || !(major < 3)) return undefined;
  return "Function calling with a response mime type: 'application/json' is unsupported";
}
