import type { PlanStrategy } from '../plan-strategy.ts';
import { keywordPatterns } from '../keyword-patterns.ts';
import { quoteGoal } from '../quote-goal.ts';

const explorations = [
  { id: 'explore-distributions', focus: 'the distribution of each important variable, missing values and outliers' },
  { id: 'explore-relationships', focus: 'the relationships between variables: correlations, groups and trends over time' },
  { id: 'explore-quality', focus: 'data quality: bias, leakage, duplicates and how the data was collected' },
  { id: 'explore-baselines', focus: 'simple baselines and the figures any model must beat' },
];

/** Data science: frame the question, explore the data several ways at once, choose the model or analysis, then report. */
export const dataScienceStrategy: PlanStrategy = {
  name: 'data-science',
  keywords: keywordPatterns(
    'data(?:sets?)?',
    'csv',
    'spreadsheets?',
    'statistic\\w*',
    'regression',
    'classifiers?',
    'machine learning',
    'predict\\w*',
    'forecast\\w*',
    'correlat\\w*',
    'churn',
    'clustering',
    'time series',
  ),
  guidance:
    'Frame the question first (what is to be learned, which data, how success is measured); then explore the data in parallel (each exploration one task depending on the framing); ' +
    'then one task choosing the analysis or model from all the explorations; last, one task reporting the answer with its uncertainty.',
  fixedTasks: 3,
  maxBranches: explorations.length,
  template(goal, { branches }) {
    const quoted = quoteGoal(goal);
    const chosen = explorations.slice(0, branches);
    return [
      {
        id: 'frame',
        description: `Frame the data question of the goal below: what is to be learned, the data available or needed and its fields, and how success is measured.\n\nGoal: ${quoted}`,
      },
      ...chosen.map(({ id, focus }) => ({
        id,
        description: `Explore ${focus}, for the question framed below. Give figures, and say how each is computed.\n\nFraming:\n{tasks.frame}\n\nGoal: ${quoted}`,
        dependsOn: ['frame'],
      })),
      {
        id: 'model',
        description:
          'Choose the analysis or model that answers the question, from the explorations below: the method, the features, how it is validated, and its pitfalls.\n\n' +
          chosen.map(({ id, focus }) => `Exploration of ${focus}:\n{tasks.${id}}\n\n`).join('') +
          `Goal: ${quoted}`,
        dependsOn: chosen.map(({ id }) => id),
      },
      {
        id: 'report',
        description: `Report the answer to the goal: the result, the evidence for it, its uncertainty, and the next steps.\n\nFraming:\n{tasks.frame}\n\nAnalysis:\n{tasks.model}\n\nGoal: ${quoted}`,
        dependsOn: ['frame', 'model'],
      },
    ];
  },
};
