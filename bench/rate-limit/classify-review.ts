import { createGoogle } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { classificationTask } from '../pass/classification-task.ts';

const system = 'You classify product reviews. Answer only with JSON matching the requested schema: no prose, no code fences.';
const schemaText = JSON.stringify(classificationTask.responseSchema);

/** The model the baselines call: the real AI SDK provider (OpenAI chat or Gemini), nothing retrying inside it. */
export function baselineModel({
  provider,
  apiKey,
  baseUrl,
  modelId,
}: {
  provider: 'openai' | 'google';
  apiKey: string;
  baseUrl: string;
  modelId: string;
}): LanguageModelV4 {
  return provider === 'openai' ? createOpenAI({ apiKey, baseURL: baseUrl }).chat(modelId) : createGoogle({ apiKey, baseURL: baseUrl })(modelId);
}

/**
 * One structured call for one review, with a prompt of the same shape as Swarm's, through the
 * provider's `doGenerate` (which never retries); returns the parsed answer. Errors are the
 * provider's own (`APICallError` with `statusCode` 429 for a rate limit).
 */
export async function classifyReview(model: LanguageModelV4, row: { id: string; text: string }, abortSignal: AbortSignal): Promise<Record<string, unknown>> {
  const text =
    `Classify the sentiment of this product review: <text>\n\n<row id="${row.id}">\n<text>${row.text}</text>\n</row>\n` +
    `\nAnswer with one JSON object matching this JSON Schema:\n${schemaText}`;
  const result = await model.doGenerate({
    prompt: [
      { role: 'system', content: system },
      { role: 'user', content: [{ type: 'text', text }] },
    ],
    responseFormat: { type: 'json', schema: classificationTask.responseSchema as never, name: 'answer' },
    abortSignal,
  });
  const answer = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return JSON.parse(answer) as Record<string, unknown>;
}
