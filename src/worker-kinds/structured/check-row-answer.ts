import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import { dropNullOptionals } from '../../provider-schema/drop-null-optionals.ts';
import type { PassState } from '../../pass/pass-state.ts';
import { describeValidationErrors } from '../../pass/response-schema.ts';

/** A row's answer as the pass takes it: its columns, or why it is not taken. */
export interface CheckedAnswer {
  output?: Record<string, unknown>;
  problem?: string;
}

/** Parses and checks a single row's answer text. */
export function checkSingleAnswer(state: PassState, text: string): CheckedAnswer {
  const parsed = parseUntrustedJson(text, { repair: true });
  if (!parsed.ok) return { problem: parsed.error };
  return checkRowAnswer(state, parsed.value);
}

/** Checks one row's answer against the pass's schema; only the schema's properties are kept. */
export function checkRowAnswer(state: PassState, value: unknown): CheckedAnswer {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'the answer is not a JSON object' };
  const answer = value as Record<string, unknown>;
  const candidate: Record<string, unknown> = {};
  for (const key in answer) if (key !== 'id') candidate[key] = answer[key];
  // A strict-form schema asks for optional properties as nullable; their nulls mean "absent".
  dropNullOptionals(candidate, state.schema.row);
  if (!state.schema.validate(candidate)) return { problem: describeValidationErrors(state.schema.validate) };
  // Only the schema's properties become columns; anything else the model added is dropped.
  const output: Record<string, unknown> = {};
  for (const field of state.schema.fields) if (field in candidate) output[field] = candidate[field];
  return { output };
}
