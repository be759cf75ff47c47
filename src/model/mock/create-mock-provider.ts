import { NoSuchModelError, type ProviderV4 } from '@ai-sdk/provider';
import { createMockModel } from './create-mock-model.ts';
import type { MockSettings } from '../../config/mock-settings.ts';
import { parseMockModelId } from './parse-mock-model-id.ts';

/**
 * The `mock` provider for the model registry: `mock:default?latencyMs=200` is a mock model with
 * `defaults` (from config) overridden by the settings in the id. Language models only.
 */
export function createMockProvider(defaults: Partial<MockSettings> = {}): ProviderV4 {
  const unsupported = (modelType: 'embeddingModel' | 'imageModel') => (modelId: string) => {
    throw new NoSuchModelError({ modelId, modelType, message: 'the mock provider only has language models' });
  };
  return {
    specificationVersion: 'v4',
    languageModel(modelId) {
      const { name, settings } = parseMockModelId(modelId);
      return createMockModel({ ...defaults, ...settings }, { modelId: name });
    },
    embeddingModel: unsupported('embeddingModel'),
    imageModel: unsupported('imageModel'),
  };
}
