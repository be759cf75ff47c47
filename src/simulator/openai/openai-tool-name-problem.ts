import type { Refusal } from '../simulated-call.ts';

/**
 * OpenAI's 400 for a function name outside `^[a-zA-Z0-9_-]+$` or longer than 64 characters, with
 * `param` the name's path (`tools[0].function.name`; `tools[0].name` in the Responses API). Bodies
 * as reported in brekkylab/ailoy#109 and ravitemer/mcphub.nvim#243.
 */
export function openaiToolNameProblem(name: string, param: string): Refusal | undefined {
  if (name.length > 64) {
    return { message: `Invalid '${param}': string too long. Expected a string with maximum length 64, but got a string with length ${name.length} instead.`, param, code: 'string_above_max_length' };
  }
  if (!/^[a-zA-Z0-9_-]+$/.test(name)) {
    return { message: `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, param, code: 'invalid_value' };
  }
  return undefined;
}
