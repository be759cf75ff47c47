import { closestMatch } from '../../config/closest-match.ts';
import { ModelConfigError } from '../../errors/index.ts';
import type { MockSettings } from '../../config/mock-settings.ts';
import { defaultMockSettings } from './default-mock-settings.ts';

const settingNames = Object.keys(defaultMockSettings) as Array<keyof MockSettings>;

/** Splits a mock model id such as `default?latencyMs=200&seed=7` into its name and settings. */
export function parseMockModelId(modelId: string): { name: string; settings: Partial<MockSettings> } {
  const question = modelId.indexOf('?');
  const name = question === -1 ? modelId : modelId.slice(0, question);
  const settings: Partial<MockSettings> = {};
  if (question === -1) return { name: name || 'default', settings };
  for (const [key, value] of new URLSearchParams(modelId.slice(question + 1))) {
    if (!(settingNames as string[]).includes(key)) {
      const suggestion = closestMatch(key, settingNames);
      const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
      throw new ModelConfigError(`unknown mock setting "${key}"${hint}; known settings: ${settingNames.join(', ')}`);
    }
    const number = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(number)) throw new ModelConfigError(`mock setting "${key}" must be a number, got ${JSON.stringify(value)}`);
    settings[key as keyof MockSettings] = number;
  }
  return { name: name || 'default', settings };
}
