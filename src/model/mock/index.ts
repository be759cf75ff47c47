export { createMockModel } from './create-mock-model.ts';
export { createMockProvider } from './create-mock-provider.ts';
export { parseMockModelId } from './parse-mock-model-id.ts';
export { defaultMockSettings } from './default-mock-settings.ts';
export type { MockSettings } from '../../config/mock-settings.ts';
