import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { PlanStrategyName } from './plan-strategy.ts';
import { builtInStrategies, strategyNamed } from './strategies/built-in-strategies.ts';

/** The first prompt of a planning call: how plans are made and run, the strategy's shape (or all of them), and the goal. */
export function plannerPrompt(
  goal: string,
  { strategy, agents, maxTasks }: { strategy: PlanStrategyName | undefined; agents: Readonly<Record<string, string>>; maxTasks: number },
): LanguageModelV4Prompt {
  const kinds = [
    '- "model": one model answer, from the prompt alone.',
    ...Object.entries(agents).map(([name, description]) => `- "${name}": an agent with tools: ${description}`),
  ].join('\n');
  const shape =
    strategy === undefined
      ? `Choose the strategy that fits the goal best, and follow its shape:\n${builtInStrategies.map((each) => `- ${each.name}: ${each.guidance}`).join('\n')}`
      : `This is a ${strategy} goal. A good plan for it has this shape: ${strategyNamed(strategy).guidance}`;
  const system = [
    'You are the planner of a runtime that runs the tasks of a plan in parallel, each the moment the tasks it depends on are done.',
    'Turn the goal into a plan: a directed acyclic graph of tasks.',
    '',
    'Rules:',
    '- Each task is a self-contained prompt for a worker that sees nothing else: include the context of the goal it needs.',
    '- Fan out: tasks that do not need each other\'s results must not depend on each other, so that they run at the same time.',
    '- Fan in: a task that combines results depends on every task whose result it combines.',
    '- A task names an upstream result in its description as {tasks.<id>}, and only results of tasks it depends on.',
    '- Ids are short, unique, kebab-case: letters, digits and "-".',
    `- At most ${maxTasks} tasks. End with one task whose result answers the goal.`,
    '',
    `Kinds of task:\n${kinds}`,
    '',
    shape,
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: [{ type: 'text', text: `Goal: ${goal.trim()}` }] },
  ];
}

/** The prompt that asks again: the first one, the refused answer, and what was wrong with it. */
export function plannerRetryPrompt(first: LanguageModelV4Prompt, answer: string, problems: readonly string[]): LanguageModelV4Prompt {
  return [
    ...first,
    { role: 'assistant', content: [{ type: 'text', text: answer }] },
    {
      role: 'user',
      content: [{ type: 'text', text: `That plan cannot be run:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n\nAnswer again with the whole plan, corrected.` }],
    },
  ];
}
