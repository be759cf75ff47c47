import type { PlanTask } from '../plan/plan.ts';

/** Where a plan task's calls go, and why. */
export interface PlanTaskRoute {
  /** The model spec or alias the task's calls go to; undefined for a task that calls no model. */
  model: string | undefined;
  /** `fast` or `quality` when routed; `own` when the task names its model; `none` for command and function tasks. */
  tier: 'fast' | 'quality' | 'own' | 'none';
  /** What made a task complex (empty for a simple one). */
  reasons: string[];
}

/** A description this long (placeholders left out) makes a task complex. */
export const complexDescriptionCharacters = 600;
/** A task combining this many upstream results is complex. */
export const complexDependencyCount = 3;
/** Words (whole, any case) that make a task complex: it asks for judgement, not recall or rewording. */
export const complexityWords = [
  'analy[sz]e\\w*',
  'analysis',
  'synthesi[sz]e\\w*',
  'synthesis',
  'design\\w*',
  'architect\\w*',
  'compar(?:e|es|ing|ison|isons)',
  'evaluat\\w*',
  'critique\\w*',
  'reasoning',
  'prove',
  'proofs?',
  'debug\\w*',
  'refactor\\w*',
  'diagnos\\w*',
  'derive\\w*',
  'strateg(?:y|ies|ic)',
  'trade-?offs?',
] as const;

const wordPattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${complexityWords.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const placeholderPattern = /\{tasks\.[A-Za-z0-9_.-]+\}/g;

/**
 * Model routing for plan tasks. A task that names its model keeps it; a command or function task
 * calls none. Any other task is complex, and goes to `quality`, when it has a complexity word
 * (`complexityWords`: analyze, synthesize, design, compare, evaluate…), depends on at least
 * `complexDependencyCount` (3) tasks, or has a description of at least
 * `complexDescriptionCharacters` (600) characters without its placeholders; else it is simple and
 * goes to `fast`. `fast` and `quality` are config aliases by default; give specs to route elsewhere.
 */
export function routePlanTaskModel(task: PlanTask, { fast = 'fast', quality = 'quality' }: { fast?: string; quality?: string } = {}): PlanTaskRoute {
  if (task.model !== undefined) return { model: task.model, tier: 'own', reasons: [] };
  if (task.command !== undefined || task.run !== undefined) return { model: undefined, tier: 'none', reasons: [] };
  const reasons: string[] = [];
  const words = [...new Set([...task.description.matchAll(wordPattern)].map((match) => match[0].toLowerCase()))];
  if (words.length > 0) reasons.push(`says ${words.map((word) => `"${word}"`).join(', ')}`);
  const dependencies = task.dependsOn?.length ?? 0;
  if (dependencies >= complexDependencyCount) reasons.push(`combines ${dependencies} upstream results`);
  const characters = task.description.replace(placeholderPattern, '').trim().length;
  if (characters >= complexDescriptionCharacters) reasons.push(`has a ${characters}-character description`);
  return reasons.length > 0 ? { model: quality, tier: 'quality', reasons } : { model: fast, tier: 'fast', reasons };
}
