import type { LanguageModelV4Content, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';

/**
 * An answer as the response cache and the attempt record keep it: its text (the structured-output
 * text when the provider names one); for a call offering tools, its whole content as JSON.
 */
export function answerText(result: Pick<LanguageModelV4GenerateResult, 'content' | 'structuredOutputText'>, offersTools: boolean): string {
  if (offersTools) return JSON.stringify(result.content);
  if (result.structuredOutputText !== undefined) return result.structuredOutputText;
  let text = '';
  for (const part of result.content) if (part.type === 'text') text += part.text;
  return text;
}

/** The content an answer kept by `answerText` stands for. */
export function contentOfAnswerText(text: string, offersTools: boolean): LanguageModelV4Content[] {
  if (offersTools) {
    const parsed = parseUntrustedJson(text);
    if (parsed.ok && Array.isArray(parsed.value) && parsed.value.every((part) => typeof (part as { type?: unknown } | null)?.type === 'string')) {
      return parsed.value as LanguageModelV4Content[];
    }
  }
  return [{ type: 'text', text }];
}
