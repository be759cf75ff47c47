import type { MockSettings } from '../../config/mock-settings.ts';

/** The settings a mock model uses for anything not given. */
export const defaultMockSettings: Readonly<MockSettings> = {
  latencyMs: 0,
  jitterMs: 0,
  failureRate: 0,
  malformedRate: 0,
  seed: 0,
};
