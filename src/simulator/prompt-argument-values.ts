import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { isRecord } from './is-record.ts';

// Argument names whose value a prompt often states outright, and how to find it there.
const kinds: ReadonlyArray<{ names: RegExp; find: (text: string) => string[] }> = [
  { names: /^(path|file|file_?path|file_?name|dir|directory|folder)$/i, find: filePaths },
  { names: /^(city|location|place|town)$/i, find: placeNames },
  { names: /^(url|uri|link|href)$/i, find: (text) => [...text.matchAll(/https?:\/\/[^\s"'<>`)]+/g)].map((match) => stripTrailing(match[0])) },
];

/**
 * Values the prompt gives for a tool's string arguments, as a model would take them: for each
 * top-level string property named like a path (`path`, `file`…), a place (`city`, `location`…) or
 * a URL, the distinct values of that kind the user's messages mention, latest message first. Only
 * plain strings (no enum, const, pattern or format but `uri`) whose value fits their length bounds.
 */
export function promptArgumentValues(parameters: Record<string, unknown>, prompt: LanguageModelV4Prompt): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const properties = isRecord(parameters.properties) ? parameters.properties : {};
  const texts = userTexts(prompt);
  for (const [name, schema] of Object.entries(properties)) {
    const kind = kinds.find((candidate) => candidate.names.test(name));
    if (kind === undefined || !isPlainString(schema)) continue;
    const found = [...new Set(texts.flatMap(kind.find))].filter((value) => fitsLength(schema, value));
    if (found.length > 0) values.set(name, found);
  }
  return values;
}

function userTexts(prompt: LanguageModelV4Prompt): string[] {
  const texts: string[] = [];
  for (const message of [...prompt].reverse()) {
    if (message.role !== 'user') continue;
    for (const part of message.content) if (part.type === 'text') texts.push(part.text);
  }
  return texts;
}

function isPlainString(schema: unknown): schema is Record<string, unknown> {
  if (!isRecord(schema)) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.some((type) => typeof type === 'string' && type.toLowerCase() === 'string')) return false;
  return schema.enum === undefined && schema.const === undefined && schema.pattern === undefined && (schema.format === undefined || schema.format === 'uri');
}

function fitsLength(schema: Record<string, unknown>, value: string): boolean {
  return value.length >= (typeof schema.minLength === 'number' ? schema.minLength : 0) && value.length <= (typeof schema.maxLength === 'number' ? schema.maxLength : Infinity);
}

/** Words with a slash (not a URL) or a file extension: `src/a.ts`, `README.md`, `./docs`. */
function filePaths(text: string): string[] {
  // Markup is not a path: "<file>src/a.ts</file>" names src/a.ts, not "/file".
  return text
    .replace(/<\/?[A-Za-z_][\w.-]*(?:\s[^<>]*)?>/g, ' ')
    .split(/[\s"'`,;()[\]{}<>]+/)
    .map(stripTrailing)
    .filter((word) => !word.includes('://') && !/^(e\.g|i\.e)$/i.test(word))
    .filter((word) => (word.includes('/') ? /^[\w.~@/-]+$/.test(word) && /\w/.test(word) : /^[\w@~-][\w.@~-]*\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(word)));
}

/** Capitalised words after a preposition of place: "in Paris", "for New York". */
function placeNames(text: string): string[] {
  return [...text.matchAll(/\b(?:in|at|for|from|to|near)\s+(\p{Lu}[\p{L}'-]+(?:[ -]\p{Lu}[\p{L}'-]+)*)/gu)].map((match) => match[1]!);
}

function stripTrailing(word: string): string {
  return word.replace(/[.,;:!?]+$/, '');
}
