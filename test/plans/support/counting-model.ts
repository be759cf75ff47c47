import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createMockModel } from '../../../src/index.ts';

/** The built-in mock model (answers and tool calls as `createMockModel`'s), counting the calls it gets: a provider's view. */
export function countingModel(settings: Parameters<typeof createMockModel>[0] = {}, { modelId = 'counted' }: { modelId?: string } = {}): { model: LanguageModelV4; calls(): number } {
  const mock = createMockModel(settings, { modelId });
  let calls = 0;
  const model: LanguageModelV4 = {
    specificationVersion: 'v4',
    provider: 'counting',
    modelId,
    supportedUrls: mock.supportedUrls,
    doGenerate: (options) => {
      calls++;
      return mock.doGenerate(options);
    },
    doStream: (options) => {
      calls++;
      return mock.doStream(options);
    },
  };
  return { model, calls: () => calls };
}
