import type { LanguageModelV4 } from '@ai-sdk/provider';
import { askForJson } from '../call/ask-for-json.ts';
import { planStrategyNames, type PlanStrategyName } from './plan-strategy.ts';
import { PlanningError } from './planning-error.ts';
import { builtInStrategies } from './strategies/built-in-strategies.ts';

const schema = {
  type: 'object',
  properties: { strategy: { type: 'string', enum: [...planStrategyNames] } },
  required: ['strategy'],
  additionalProperties: false,
};

/** Asks the model which built-in strategy fits a goal (for a goal whose words pick none); a PlanningError when it names none of them. */
export async function askStrategy(model: LanguageModelV4, goal: string, { abortSignal }: { abortSignal?: AbortSignal } = {}): Promise<PlanStrategyName> {
  const strategies = builtInStrategies.map((strategy) => `- ${strategy.name}: ${strategy.guidance}`).join('\n');
  const { value, text } = await askForJson(model, {
    prompt: [
      { role: 'system', content: `Choose the strategy that fits a goal best. The strategies:\n${strategies}` },
      { role: 'user', content: [{ type: 'text', text: `Goal: ${goal.trim()}` }] },
    ],
    schema,
    abortSignal,
  });
  const named = (value as { strategy?: unknown } | undefined)?.strategy;
  const strategy = planStrategyNames.find((name) => name === named);
  if (strategy === undefined) throw new PlanningError([`the model named no known strategy (${planStrategyNames.join(', ')})`], { answer: text });
  return strategy;
}
