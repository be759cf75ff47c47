import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { buildMockAnswer } from '../mock-answer/build-mock-answer.ts';
import { isRecord } from './is-record.ts';
import { parseJson } from './parse-json.ts';
import type { PlannedToolCall } from './plan-tool-calls.ts';

/**
 * The arguments of a planned call as JSON text: valid for the tool's schema, generated
 * deterministically from the prompt and `seed` by the mock answer generator, with the values the
 * plan took from the prompt in place; optional arguments only when the prompt gave them. Never
 * broken on purpose.
 */
export function toolCallArguments({ tool, fromPrompt }: PlannedToolCall, prompt: LanguageModelV4Prompt, seed: number): string {
  const generated = parseJson(buildMockAnswer({ prompt, responseFormat: { type: 'json', schema: tool.parameters } }, { seed, breakage: undefined }));
  const value = generated.ok && isRecord(generated.value) ? generated.value : {};
  // As a model does, optional arguments are left out (an invented `offset` would read past a file's end).
  const required = new Set(Array.isArray(tool.parameters.required) ? tool.parameters.required : []);
  const kept = Object.fromEntries(Object.entries(value).filter(([name]) => required.has(name)));
  return JSON.stringify({ ...kept, ...fromPrompt });
}
