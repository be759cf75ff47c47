import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import { describeValidationErrors, type ResponseSchema } from '../../pass/response-schema.ts';
import type { ShellCommandResult } from '../../shell/shell-command-result.ts';
import type { CommandOutcome } from './command-run.ts';

// Enough of stderr to say what went wrong without filling the failure list.
const stderrTailCharacters = 1000;

/**
 * What a finished command means for its row: exit code 0 answers it (stdout, trimmed, as the
 * `output` column; or, with a schema, stdout parsed strictly as JSON and validated, its properties
 * the columns); anything else fails it, saying why with the end of stderr. A command the pass's
 * stop ended leaves the row pending.
 */
export function judgeCommandResult(
  result: ShellCommandResult,
  { outputSchema, timeoutMs, maxOutputBytes }: { outputSchema: ResponseSchema | undefined; timeoutMs: number; maxOutputBytes: number },
): CommandOutcome {
  const { end, exitCode, signal, stdout } = result;
  const rawOutput = stdout === '' ? undefined : stdout;
  const failure = (errorClass: string, error: string): CommandOutcome => ({ failure: { error: error + stderrPart(result), errorClass, rawOutput } });
  switch (end) {
    case 'aborted':
      return { pending: true };
    case 'not-started':
      return failure('not-started', `the command could not be started: ${result.startError}`);
    case 'timeout':
      return failure('timeout', `the command ran longer than timeoutMs (${timeoutMs} ms) and was ended with its process group`);
    case 'output-cap':
      return failure('output-cap', `the command wrote more than maxOutputBytes (${maxOutputBytes}) to stdout and was ended with its process group`);
  }
  if (exitCode !== 0) return failure('exit-code', exitCode === null ? `the command was killed by ${signal}` : `exit code ${exitCode}`);
  if (outputSchema === undefined) return { columns: { output: stdout.trim() } };
  const parsed = parseUntrustedJson(stdout);
  if (!parsed.ok) return failure('invalid-output', `stdout is not JSON: ${parsed.error}`);
  const { value } = parsed;
  if (!outputSchema.validate(value)) return failure('invalid-output', `stdout does not match the schema: ${describeValidationErrors(outputSchema.validate)}`);
  const columns: Record<string, unknown> = {};
  for (const field of outputSchema.fields) if (field in (value as object)) columns[field] = (value as Record<string, unknown>)[field];
  return { columns };
}

function stderrPart({ stderrTail }: ShellCommandResult): string {
  const tail = stderrTail.trim();
  if (tail === '') return '';
  return tail.length <= stderrTailCharacters ? `; stderr: ${tail}` : `; stderr (end): …${tail.slice(-stderrTailCharacters)}`;
}
