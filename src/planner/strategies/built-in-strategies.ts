import type { PlanStrategy, PlanStrategyName } from '../plan-strategy.ts';
import { codeAnalysisStrategy } from './code-analysis-strategy.ts';
import { dataScienceStrategy } from './data-science-strategy.ts';
import { documentStrategy } from './document-strategy.ts';
import { experimentStrategy } from './experiment-strategy.ts';
import { researchStrategy } from './research-strategy.ts';

/**
 * The built-in strategies, most specific first: when two match a goal's words equally often, the
 * earlier one is chosen (an experiment about code is an experiment; a summary of research is research).
 */
export const builtInStrategies: readonly PlanStrategy[] = [experimentStrategy, codeAnalysisStrategy, dataScienceStrategy, researchStrategy, documentStrategy];

/** The built-in strategy of this name. */
export function strategyNamed(name: PlanStrategyName): PlanStrategy {
  return builtInStrategies.find((strategy) => strategy.name === name)!;
}
