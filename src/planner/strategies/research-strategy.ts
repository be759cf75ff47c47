import type { PlanStrategy } from '../plan-strategy.ts';
import { keywordPatterns } from '../keyword-patterns.ts';
import { quoteGoal } from '../quote-goal.ts';

const angles = [
  { id: 'research-background', focus: 'the background: established facts, definitions and the main sources' },
  { id: 'research-recent', focus: 'recent developments and the current state of the art' },
  { id: 'research-debates', focus: 'open questions, criticism and competing views' },
  { id: 'research-applications', focus: 'practical applications, examples and evidence of impact' },
];

/** Research: scope the question, research it from several angles at once, analyze the findings together, then synthesize. */
export const researchStrategy: PlanStrategy = {
  name: 'research',
  keywords: keywordPatterns('research\\w*', 'survey\\w*', 'literature', 'investigat\\w*', 'stud(?:y|ies)', 'papers?', 'state of the art', 'overview', 'find out', 'learn about', 'what is known', 'history of'),
  guidance:
    'Scope the question first; then research it from several independent angles in parallel (each angle one task depending on the scope); ' +
    'then one task analyzing all the findings together; last, one task writing the answer from the analysis.',
  fixedTasks: 3,
  maxBranches: angles.length,
  template(goal, { branches }) {
    const quoted = quoteGoal(goal);
    const chosen = angles.slice(0, branches);
    return [
      {
        id: 'scope',
        description: `Scope the research goal below: the questions a complete answer must settle, the key terms, and what is out of scope.\n\nGoal: ${quoted}`,
      },
      ...chosen.map(({ id, focus }) => ({
        id,
        description: `Research ${focus}, for the goal below and within its scope. State facts with where they come from, and say what is uncertain.\n\nScope:\n{tasks.scope}\n\nGoal: ${quoted}`,
        dependsOn: ['scope'],
      })),
      {
        id: 'analyze',
        description:
          'Analyze the research findings below together: where they agree and conflict, how strong the evidence is, and what is still missing.\n\n' +
          chosen.map(({ id, focus }) => `Findings on ${focus}:\n{tasks.${id}}\n\n`).join('') +
          `Goal: ${quoted}`,
        dependsOn: chosen.map(({ id }) => id),
      },
      {
        id: 'synthesize',
        description: `Write the answer to the goal from the scope and the analysis below: organized, complete, and saying where each claim comes from.\n\nScope:\n{tasks.scope}\n\nAnalysis:\n{tasks.analyze}\n\nGoal: ${quoted}`,
        dependsOn: ['scope', 'analyze'],
      },
    ];
  },
};
