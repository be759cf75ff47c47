import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4Content, LanguageModelV4FinishReason, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { LoopFormats } from './loop-response-format.ts';

/** A model answer as an agent loop records it, enough to give it again without a call. */
export interface RecordedAnswer {
  content: LanguageModelV4Content[];
  finishReason: LanguageModelV4FinishReason;
  usage: LanguageModelV4Usage;
}

/** The model of one agent loop: numbers its calls, answers those already recorded, records the rest. */
export interface StepModel extends LanguageModelV4 {
  /** The number of the last call made or replayed (−1 before the first). */
  readonly lastStep: number;
  /** From now on every call asks for the answer's JSON shape (the last answer, tools off). */
  askForAnswer(): void;
}

/**
 * Wraps the governed model for one agent loop. Call `n` of the loop is answered from `recorded[n]`
 * when the loop recorded it before (a resumed loop repeats no model call); otherwise it goes to the
 * governed model and `onAnswer` records it as soon as it arrives, before any tool it asks for runs.
 * With `formats.loop`, every call asks for the answer's JSON shape as well (providers that take a
 * response format beside tools), so the loop's last answer is already the structured one; after
 * `askForAnswer()`, every call asks for it.
 */
export function createStepModel(
  governed: LanguageModelV4,
  {
    recorded,
    onAnswer,
    formats,
  }: {
    recorded: readonly RecordedAnswer[];
    onAnswer: (answer: { step: number; answer: RecordedAnswer; startedAt: number; endedAt: number }) => void;
    formats: LoopFormats;
  },
): StepModel {
  let next = 0;
  let format = formats.loop;
  const withFormat = (options: LanguageModelV4CallOptions): LanguageModelV4CallOptions =>
    format === undefined || options.responseFormat?.type === 'json'
      ? options
      : { ...options, responseFormat: format.responseFormat, providerOptions: { ...format.providerOptions, ...options.providerOptions } };
  return {
    specificationVersion: 'v4',
    provider: governed.provider,
    modelId: governed.modelId,
    supportedUrls: governed.supportedUrls,
    get lastStep() {
      return next - 1;
    },
    askForAnswer() {
      format = formats.answer;
    },
    async doGenerate(options) {
      const step = next++;
      const replayed = recorded[step];
      if (replayed !== undefined) return { ...replayed, warnings: [] };
      const startedAt = Date.now();
      const result = await governed.doGenerate(withFormat(options));
      onAnswer({ step, answer: { content: result.content, finishReason: result.finishReason, usage: result.usage }, startedAt, endedAt: Date.now() });
      return result;
    },
    // The AI SDK's generateText, which runs agent loops, calls doGenerate only.
    doStream: (options) => governed.doStream(withFormat(options)),
  };
}
