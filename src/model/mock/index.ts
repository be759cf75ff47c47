export { createMockModel } from './create-mock-model.ts';
export { createMockProvider } from './create-mock-provider.ts';
export { parseMockModelId } from './parse-mock-model-id.ts';
export { defaultMockSettings, type MockSettings } from './mock-settings.ts';
