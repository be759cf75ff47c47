import type { PlanStrategy } from '../plan-strategy.ts';
import { keywordPatterns } from '../keyword-patterns.ts';
import { quoteGoal } from '../quote-goal.ts';

const conditions = [
  { id: 'run-control', name: 'the control condition' },
  { id: 'run-variant-a', name: 'the first variant' },
  { id: 'run-variant-b', name: 'the second variant' },
  { id: 'run-variant-c', name: 'the third variant' },
];

/** Experiment: state hypotheses, design the experiment, run its conditions at once, analyze them together, then conclude. */
export const experimentStrategy: PlanStrategy = {
  name: 'experiment',
  keywords: keywordPatterns('experiment\\w*', 'hypothes[ie]s', 'a/b(?: tests?)?', 'ablations?', 'trials?', 'benchmark\\w*', 'control groups?', 'variants?', 'test whether', 'measure whether'),
  guidance:
    'State testable hypotheses first; then design the experiment; then run each condition in parallel (control and variants, each one task depending on the design); ' +
    'then one task analyzing all the results against the hypotheses; last, one task concluding.',
  fixedTasks: 4,
  maxBranches: conditions.length,
  template(goal, { branches }) {
    const quoted = quoteGoal(goal);
    const chosen = conditions.slice(0, branches);
    return [
      {
        id: 'hypotheses',
        description: `State the hypotheses the goal below is about, each testable, with the outcome that would refute it.\n\nGoal: ${quoted}`,
      },
      {
        id: 'design',
        description: `Design the experiment for the hypotheses below: ${branches} condition${branches === 1 ? '' : 's'} (a control first), what is measured, the sample, and the controls.\n\nHypotheses:\n{tasks.hypotheses}\n\nGoal: ${quoted}`,
        dependsOn: ['hypotheses'],
      },
      ...chosen.map(({ id, name }) => ({
        id,
        description: `Run ${name} of the design below (or, when it cannot be run here, predict its outcome with reasons) and report the measurements the design names.\n\nDesign:\n{tasks.design}\n\nGoal: ${quoted}`,
        dependsOn: ['design'],
      })),
      {
        id: 'analyze',
        description:
          'Analyze the results of every condition below against the hypotheses: effect sizes, uncertainty, and threats to validity.\n\nHypotheses:\n{tasks.hypotheses}\n\n' +
          chosen.map(({ id, name }) => `Results of ${name}:\n{tasks.${id}}\n\n`).join('') +
          `Goal: ${quoted}`,
        dependsOn: ['hypotheses', ...chosen.map(({ id }) => id)],
      },
      {
        id: 'conclude',
        description: `Conclude: which hypotheses held, what the results mean for the goal, and what to test next.\n\nAnalysis:\n{tasks.analyze}\n\nGoal: ${quoted}`,
        dependsOn: ['analyze'],
      },
    ];
  },
};
