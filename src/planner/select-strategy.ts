import type { PlanStrategyName } from './plan-strategy.ts';
import { builtInStrategies } from './strategies/built-in-strategies.ts';

/** A strategy chosen by the words of a goal, and the words that chose it. */
export interface StrategySelection {
  name: PlanStrategyName;
  matched: string[];
}

/**
 * The strategy whose keywords the goal matches most (each keyword counted once), ties going to the
 * more specific strategy (experiment, code analysis, data science, research, document, in that
 * order); undefined when the goal matches none, and the model is asked instead.
 */
export function selectStrategy(goal: string): StrategySelection | undefined {
  let best: StrategySelection | undefined;
  for (const strategy of builtInStrategies) {
    const matched = strategy.keywords.flatMap((pattern) => {
      const match = pattern.exec(goal);
      return match === null ? [] : [match[0].toLowerCase()];
    });
    if (matched.length > (best?.matched.length ?? 0)) best = { name: strategy.name, matched };
  }
  return best;
}
