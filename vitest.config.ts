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
    // Generous: many tests start several CLI processes, each ~1–4 s on a loaded 2-core machine. A timeout here
    // catches a hang; speed is measured by the benchmarks, never by a test's clock.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'local', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      { extends: true, test: { name: 'bullmq', include: contractTests, env: { SWARM_TEST_BACKEND: 'bullmq' } } },
    ],
  },
});
