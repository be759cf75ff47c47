import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { answerPlanFor } from './answer-plan-for.ts';
import type { AnswerPlan } from './answer-plan.ts';
import { findRowIds } from './find-row-ids.ts';
import { hashString } from './hash-string.ts';

/** How a mock answer is deliberately broken, if at all. */
export type MockBreakage = 'truncated' | 'wrong-type' | undefined;

/**
 * The mock model's answer text for a call: schema-valid JSON generated deterministically from the
 * row ids in the prompt (one `results` item per row for batch schemas), or plain text when no
 * JSON is asked for. With `breakage`, JSON answers come back broken on purpose. With `vary`, optional
 * properties are sometimes left out and nullable values sometimes null, as a model may answer.
 */
export function buildMockAnswer(
  { prompt, responseFormat }: Pick<LanguageModelV4CallOptions, 'prompt' | 'responseFormat'>,
  { seed, breakage, vary = false }: { seed: number; breakage: MockBreakage; vary?: boolean },
): string {
  const rowIds = findRowIds(prompt);
  if (responseFormat?.type !== 'json') {
    // Plain text has no shape to break.
    return `mock answer for ${rowIds[0] ?? promptLabel(prompt, seed).label}`;
  }
  let text: string;
  if (typeof responseFormat.schema !== 'object' || responseFormat.schema === null) {
    text = JSON.stringify({ answer: `mock answer for ${rowIds[0] ?? promptLabel(prompt, seed).label}` });
  } else {
    const plan = answerPlanFor(responseFormat.schema, { vary });
    const value = answerValue(plan, rowIds, prompt, seed);
    const corruption = plan.batch !== undefined && rowIds.length > 0 ? plan.batchCorruption : plan.singleCorruption;
    const target = plan.batch !== undefined && rowIds.length > 0 ? (value as { results: unknown[] }).results[0] : value;
    if (breakage === 'wrong-type' && corruption !== undefined && typeof target === 'object' && target !== null) {
      (target as Record<string, unknown>)[corruption.key] = corruption.value;
      return JSON.stringify(value);
    }
    text = JSON.stringify(value);
  }
  return breakage === undefined ? text : truncate(text);
}

function answerValue(plan: AnswerPlan, rowIds: string[], prompt: LanguageModelV4Prompt, seed: number): unknown {
  if (plan.batch !== undefined && rowIds.length > 0) {
    const { item, envelope, numericId } = plan.batch;
    const results = rowIds.map((rowId) => {
      const value = item(hashString(rowId, seed), rowId, 0, 0) as Record<string, unknown>;
      value.id = numericId && /^-?\d+(\.\d+)?$/.test(rowId) ? Number(rowId) : rowId;
      return value;
    });
    if (envelope === undefined) return { results };
    const value = envelope(hashString(rowIds[0]!, seed), rowIds[0]!, 0, 0) as Record<string, unknown>;
    value.results = results;
    return value;
  }
  if (rowIds.length > 0) return plan.single(hashString(rowIds[0]!, seed), rowIds[0]!, 0, 0);
  const { label, hash } = promptLabel(prompt, seed);
  return plan.single(hash, label, 0, 0);
}

/** Without row ids, answers are seeded by the whole prompt text. */
function promptLabel(prompt: LanguageModelV4Prompt, seed: number): { label: string; hash: number } {
  const hash = hashString(JSON.stringify(prompt), seed);
  return { label: `prompt ${hash.toString(16).padStart(8, '0')}`, hash };
}

/** Cut halfway, as when a provider stops mid-answer; always invalid JSON. */
function truncate(text: string): string {
  const opensContainer = text.startsWith('{') || text.startsWith('[') || text.startsWith('"');
  return opensContainer ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : `[${text}`;
}
