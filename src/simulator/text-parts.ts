import { isRecord } from './is-record.ts';

/**
 * The texts of a wire message's content: a plain string, or the `text` of every part that has one
 * (OpenAI and Anthropic text parts, Gemini parts). Images, files and tool results carry no text
 * the mock answer needs.
 */
export function textParts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => (isRecord(part) && typeof part.text === 'string' ? [part.text] : []));
}
