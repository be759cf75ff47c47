import { defineConfig } from 'vitest/config';

// The contract tests: tables, passes (model, agent, command and function passes), filters, resume,
// budgets. They run unchanged on every backend (see test/library/support/test-backend.ts).
const contractTests = [
  'test/library/run-pass.test.ts',
  'test/library/filters.test.ts',
  'test/library/resume-and-abort.test.ts',
  'test/library/batching.test.ts',
  'test/library/cache-and-budget.test.ts',
  'test/library/row-worker.test.ts',
  'test/library/command-workers.test.ts',
  'test/library/column-ownership.test.ts',
  'test/agents/reviewer-and-fixer.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'local', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      { extends: true, test: { name: 'bullmq', include: contractTests, env: { SWARM_TEST_BACKEND: 'bullmq' } } },
    ],
  },
});
