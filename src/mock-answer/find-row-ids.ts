import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

const rowTag = /<row id="((?:[^"\\]|\\.)*)"/g;

/**
 * The row ids the engine rendered as `<row id="…">` in the latest user message that has any (a
 * correction turn follows the message with the rows), in order. The attribute holds the id
 * JSON-string-escaped, with `"` also accepted as `&quot;`.
 */
export function findRowIds(prompt: LanguageModelV4Prompt): string[] {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index]!;
    if (message.role !== 'user') continue;
    const ids: string[] = [];
    for (const part of message.content) {
      if (part.type !== 'text') continue;
      for (const match of part.text.matchAll(rowTag)) ids.push(decodeId(match[1]!));
    }
    if (ids.length > 0) return ids;
  }
  return [];
}

function decodeId(raw: string): string {
  if (!raw.includes('&') && !raw.includes('\\')) return raw;
  const unescaped = raw
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
  if (!unescaped.includes('\\')) return unescaped;
  try {
    return JSON.parse(`"${unescaped.replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"')}"`) as string;
  } catch {
    return unescaped;
  }
}
