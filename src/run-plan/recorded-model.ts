import type { LanguageModelV4, LanguageModelV4Content, LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';

const noUsage: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/**
 * A model that answers from a recorded run instead of a provider (`replay:<the model that
 * answered>`): every call gets `text`, what the model answered then; with no text (an agent loop,
 * whose steps are all given back from its recording), a call is an error. It makes no network
 * call, ever.
 */
export function createRecordedModel({ modelId, text }: { modelId: string; text: string | undefined }): LanguageModelV4 {
  const answer = async (): Promise<LanguageModelV4Content[]> => {
    if (text === undefined) throw new Error(`replay: the recorded run of ${modelId} has no answer for this call`);
    return [{ type: 'text', text }];
  };
  return {
    specificationVersion: 'v4',
    provider: 'replay',
    modelId,
    supportedUrls: {},
    async doGenerate() {
      return { content: await answer(), finishReason: { unified: 'stop', raw: 'stop' }, usage: noUsage, warnings: [] };
    },
    async doStream() {
      const content = await answer();
      const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      for (const part of content) {
        if (part.type !== 'text') continue;
        parts.push({ type: 'text-start', id: '0' }, { type: 'text-delta', id: '0', delta: part.text }, { type: 'text-end', id: '0' });
      }
      parts.push({ type: 'finish', usage: noUsage, finishReason: { unified: 'stop', raw: 'stop' } });
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}
