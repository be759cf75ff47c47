import type { PlanStrategy } from '../plan-strategy.ts';
import { keywordPatterns } from '../keyword-patterns.ts';
import { quoteGoal } from '../quote-goal.ts';

const reviews = [
  { id: 'review-correctness', focus: 'correctness: bugs, unhandled cases and wrong assumptions' },
  { id: 'review-security', focus: 'security: untrusted input, secrets, permissions and injection' },
  { id: 'review-performance', focus: 'performance: hot paths, needless work and resource use' },
  { id: 'review-maintainability', focus: 'maintainability: structure, naming, duplication and tests' },
];

/** Code analysis: map the code, review it for several concerns at once, then one report. */
export const codeAnalysisStrategy: PlanStrategy = {
  name: 'code-analysis',
  keywords: keywordPatterns(
    'code(?:base)?',
    'repo(?:sitory)?',
    'source files?',
    'refactor\\w*',
    'bugs?',
    'debug\\w*',
    'functions?',
    'modules?',
    'pull requests?',
    'security audit',
    'vulnerabilit\\w*',
    'lint\\w*',
    'unit tests?',
    'test coverage',
    'typescript',
    'javascript',
    'python',
  ),
  guidance:
    'Map the code first (its parts, entry points and dependencies); then review it for separate concerns in parallel (each concern one task depending on the map); ' +
    'last, one task combining the reviews into a report with concrete fixes.',
  fixedTasks: 2,
  maxBranches: reviews.length,
  template(goal, { branches }) {
    const quoted = quoteGoal(goal);
    const chosen = reviews.slice(0, branches);
    return [
      {
        id: 'map-code',
        description: `Map the code the goal below is about: its parts, entry points, dependencies, and the data that flows between them.\n\nGoal: ${quoted}`,
      },
      ...chosen.map(({ id, focus }) => ({
        id,
        description: `Review the code for ${focus}, using the map below. Name the file and place of each finding and rate its severity.\n\nMap:\n{tasks.map-code}\n\nGoal: ${quoted}`,
        dependsOn: ['map-code'],
      })),
      {
        id: 'report',
        description:
          'Combine the reviews below into one report for the goal: findings by severity, each with where it is and a concrete fix; merge duplicates.\n\n' +
          chosen.map(({ id, focus }) => `Review of ${focus.split(':')[0]}:\n{tasks.${id}}\n\n`).join('') +
          `Goal: ${quoted}`,
        dependsOn: chosen.map(({ id }) => id),
      },
    ];
  },
};
