import type { PlanStrategy } from '../plan-strategy.ts';
import { keywordPatterns } from '../keyword-patterns.ts';
import { quoteGoal } from '../quote-goal.ts';

/** Document: outline it, write its sections at once, assemble them, then edit the whole. */
export const documentStrategy: PlanStrategy = {
  name: 'document',
  keywords: keywordPatterns(
    'write',
    'draft\\w*',
    'documents?',
    'documentation',
    'reports?',
    'articles?',
    'essays?',
    'blog(?: posts?)?',
    'guides?',
    'tutorials?',
    'proposals?',
    'memos?',
    'one-page',
    'summary',
    'summari[sz]e',
    'white ?papers?',
    'readme',
  ),
  guidance:
    'Outline the document first (audience, purpose, sections); then write the sections in parallel (each section one task depending on the outline); ' +
    'then one task assembling them; last, one task editing the whole against the outline.',
  fixedTasks: 3,
  maxBranches: 6,
  template(goal, { branches }) {
    const quoted = quoteGoal(goal);
    const sections = Array.from({ length: branches }, (_, index) => ({ id: `section-${index + 1}`, number: index + 1 }));
    return [
      {
        id: 'outline',
        description: `Outline the document the goal below asks for: its audience and purpose, and exactly ${branches} section${branches === 1 ? '' : 's'}, each with a title and the points it must make.\n\nGoal: ${quoted}`,
      },
      ...sections.map(({ id, number }) => ({
        id,
        description: `Write section ${number} of the outline below in full; only that section.\n\nOutline:\n{tasks.outline}\n\nGoal: ${quoted}`,
        dependsOn: ['outline'],
      })),
      {
        id: 'assemble',
        description:
          'Assemble the sections below, in order, into one document: add an introduction and a conclusion, smooth the transitions, remove repetition.\n\n' +
          sections.map(({ id, number }) => `Section ${number}:\n{tasks.${id}}\n\n`).join('') +
          `Goal: ${quoted}`,
        dependsOn: sections.map(({ id }) => id),
      },
      {
        id: 'edit',
        description: `Edit the draft below: check it does what the outline promised, fix errors, tighten the prose. Answer with the final document.\n\nOutline:\n{tasks.outline}\n\nDraft:\n{tasks.assemble}\n\nGoal: ${quoted}`,
        dependsOn: ['outline', 'assemble'],
      },
    ];
  },
};
