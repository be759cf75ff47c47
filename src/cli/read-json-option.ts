import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';

/** Reads an option given as inline JSON or as the path of a JSON file (YAML not accepted here). */
export function readJsonOption(value: string, optionName: string, cwd: string): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    const file = path.resolve(cwd, trimmed);
    if (!existsSync(file)) throw new InvalidInputError(`${optionName}: no such file, and not inline JSON: ${value}`);
    const parsed = parseUntrustedJson(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new InvalidInputError(`${optionName}: not valid JSON: ${parsed.error}`, { file: trimmed });
    return parsed.value;
  }
  const parsed = parseUntrustedJson(trimmed);
  if (!parsed.ok) throw new InvalidInputError(`${optionName} is not valid JSON: ${parsed.error}`);
  return parsed.value;
}
