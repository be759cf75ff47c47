import type { ValidateFunction } from 'ajv';
import { compileJsonSchema } from '../json-schema/compile-json-schema.ts';
import { estimateTokens } from '../call/estimate-tokens.ts';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { openAtomicFile, type AtomicFile } from '../export/atomic-file.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { filterRejectReasons, type FilterRejectReason, type FilterReport } from './filter-report.ts';
import { listOutputFiles } from './list-output-files.ts';
import { readRecordTexts } from './read-record-texts.ts';

/** Options of `filterOutputs`. Relative paths resolve against the working directory. */
export interface FilterOutputsOptions {
  /** Folder of output files: every `.jsonl`, `.ndjson` and `.json` file directly inside it, by name. */
  inputDir: string;
  /** Where clean records go, one JSON object per line; never read as input. */
  output: string;
  /**
   * Where rejected records go, one `{ reason, detail, file, line, record, raw }` per line; never read
   * as input. `record` is the parsed value (absent for invalid JSON), `raw` the text as read
   * (present for invalid JSON and for repaired records).
   */
  errors: string;
  /** A JSON Schema every record must satisfy (default: none). */
  schema?: unknown;
  /** The field length limits and deduplication look at; records without it are rejected (default: the whole record as JSON text). */
  field?: string;
  /** Length limits on that text, in characters (default: none). */
  minChars?: number;
  maxChars?: number;
  /** Length limits in tokens, estimated as characters / 4 rounded up as elsewhere in Swarm (default: none). */
  minTokens?: number;
  maxTokens?: number;
  /** Drop a record whose text repeats an earlier clean one, ignoring case and runs of whitespace (default: false). */
  dedupe?: boolean;
  /** Compare this field when deduplicating instead of `field`; implies `dedupe` (default: `field`, else the whole record). */
  dedupeField?: string;
  abortSignal?: AbortSignal;
}

type Rejection = { reason: FilterRejectReason; detail: string };

/**
 * Cleans a folder of model outputs into one JSONL file: streams every record, repairs broken
 * JSON, then checks that it is an object, matches `schema`, has `field`, fits the length limits
 * and is not a duplicate, in that order. Clean records go to `output`, rejected ones to `errors`
 * with the first reason that applies; both files are written beside their destination and
 * renamed into place at the end, so they appear whole or not at all.
 */
export async function filterOutputs({
  inputDir,
  output,
  errors,
  schema,
  field,
  minChars,
  maxChars,
  minTokens,
  maxTokens,
  dedupe = false,
  dedupeField,
  abortSignal,
}: FilterOutputsOptions): Promise<FilterReport> {
  const outputPath = path.resolve(output);
  const errorsPath = path.resolve(errors);
  if (outputPath === errorsPath) throw new InvalidInputError('output and errors must be different files');
  checkLimits({ minChars, maxChars, minTokens, maxTokens });
  const schemaErrors = schema === undefined ? undefined : compileSchema(schema);
  const dedupeOn = dedupe || dedupeField !== undefined ? { field: dedupeField ?? field } : undefined;
  const files = await listOutputFiles(path.resolve(inputDir), [outputPath, errorsPath]);

  const report: FilterReport = {
    files: files.length,
    records: 0,
    clean: 0,
    rejected: 0,
    repaired: 0,
    reasons: Object.fromEntries(filterRejectReasons.map((reason) => [reason, 0])) as Record<FilterRejectReason, number>,
    output,
    errors,
  };
  // First clean occurrence of each deduplication key (a 128-bit hash, so memory is per record, not per byte).
  const seen = new Map<string, string>();

  const check = (value: unknown, where: string): Rejection | undefined => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { reason: 'not-object', detail: `a record must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}` };
    }
    const record = value as Record<string, unknown>;
    const invalid = schemaErrors?.(record);
    if (invalid !== undefined) return { reason: 'schema', detail: invalid };
    const text = textOf(record, field);
    if (text === undefined) return { reason: 'missing-field', detail: `no ${JSON.stringify(field)} field (or it is null)` };
    const length = lengthRejection(text, field, { minChars, maxChars, minTokens, maxTokens });
    if (length !== undefined) return length;
    if (dedupeOn !== undefined) {
      const key = textOf(record, dedupeOn.field);
      if (key === undefined) return { reason: 'missing-field', detail: `no ${JSON.stringify(dedupeOn.field)} field (or it is null) to deduplicate on` };
      const hash = createHash('sha256').update(key.toLowerCase().replace(/\s+/g, ' ').trim()).digest('base64url').slice(0, 22);
      const first = seen.get(hash);
      if (first !== undefined) return { reason: 'duplicate', detail: `same ${dedupeOn.field === undefined ? 'record' : JSON.stringify(dedupeOn.field)} as ${first}` };
      seen.set(hash, where);
    }
    return undefined;
  };

  const opened: AtomicFile[] = [];
  try {
    const clean = await openAtomicFile(outputPath);
    opened.push(clean);
    const rejected = await openAtomicFile(errorsPath);
    opened.push(rejected);
    for (const filePath of files) {
      const file = path.basename(filePath);
      for await (const { text, line } of readRecordTexts(filePath)) {
        abortSignal?.throwIfAborted();
        report.records++;
        const parsed = parseUntrustedJson(text, { repair: true });
        let entry: Rejection & { file: string; line: number; record?: unknown; raw?: string };
        if (parsed.ok) {
          const rejection = check(parsed.value, `${file}:${line}`);
          if (rejection === undefined) {
            report.clean++;
            if (parsed.repaired) report.repaired++;
            await clean.write(`${JSON.stringify(parsed.value)}\n`);
            continue;
          }
          // After a repair, the text as written shows what went wrong (jsonrepair turns prose into a string).
          entry = { ...rejection, file, line, record: parsed.value, ...(parsed.repaired ? { raw: text } : {}) };
        } else {
          entry = { reason: 'invalid-json', detail: parsed.error, file, line, raw: text };
        }
        report.rejected++;
        report.reasons[entry.reason]++;
        await rejected.write(`${JSON.stringify(entry)}\n`);
      }
    }
    for (const file of opened) await file.commit();
    return report;
  } catch (error) {
    for (const file of opened) await file.discard();
    throw error;
  }
}

/** The text a record is measured and compared by: a field (strings as they are, other values as JSON) or the whole record. */
function textOf(record: Record<string, unknown>, field: string | undefined): string | undefined {
  if (field === undefined) return canonicalJson(record);
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Limits = Pick<FilterOutputsOptions, 'minChars' | 'maxChars' | 'minTokens' | 'maxTokens'>;

function lengthRejection(text: string, field: string | undefined, { minChars, maxChars, minTokens, maxTokens }: Limits): Rejection | undefined {
  const subject = field === undefined ? 'record' : JSON.stringify(field);
  const characters = text.length;
  const tokens = estimateTokens(characters);
  if (minChars !== undefined && characters < minChars) return { reason: 'too-short', detail: `${subject} has ${characters} characters; at least ${minChars} wanted` };
  if (minTokens !== undefined && tokens < minTokens) return { reason: 'too-short', detail: `${subject} has about ${tokens} tokens; at least ${minTokens} wanted` };
  if (maxChars !== undefined && characters > maxChars) return { reason: 'too-long', detail: `${subject} has ${characters} characters; at most ${maxChars} wanted` };
  if (maxTokens !== undefined && tokens > maxTokens) return { reason: 'too-long', detail: `${subject} has about ${tokens} tokens; at most ${maxTokens} wanted` };
  return undefined;
}

function checkLimits(limits: Limits): void {
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new InvalidInputError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
  const { minChars, maxChars, minTokens, maxTokens } = limits;
  if (minChars !== undefined && maxChars !== undefined && minChars > maxChars) throw new InvalidInputError(`minChars (${minChars}) is above maxChars (${maxChars})`);
  if (minTokens !== undefined && maxTokens !== undefined && minTokens > maxTokens) throw new InvalidInputError(`minTokens (${minTokens}) is above maxTokens (${maxTokens})`);
}

/** Compiles `schema` into a check that returns why a record fails it, or undefined when it passes. */
function compileSchema(schema: unknown): (record: unknown) => string | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new InvalidInputError('schema must be a JSON Schema object, like { "type": "object", "required": ["output"] }');
  }
  let validate: ValidateFunction;
  try {
    validate = compileJsonSchema(schema);
  } catch (error) {
    throw new InvalidInputError(`schema is not a valid JSON Schema: ${(error as Error).message}`);
  }
  return (record) => (validate(record) ? undefined : (validate.errors ?? []).map((error) => `record${error.instancePath} ${error.message ?? 'is invalid'}`).join(', '));
}
