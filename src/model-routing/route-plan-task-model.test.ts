import { describe, expect, it } from 'vitest';
import type { PlanTask } from '../plan/plan.ts';
import { routePlanTaskModel } from './route-plan-task-model.ts';

const task = (description: string, extra: Partial<PlanTask> = {}): PlanTask => ({ id: 't', description, ...extra });

describe('routePlanTaskModel', () => {
  it.each<[string, PlanTask, string | undefined, string, string[]]>([
    ['a short lookup', task('List the capitals of the Nordic countries.'), 'fast', 'fast', []],
    ['a rewording', task('Translate {tasks.draft} into French.', { dependsOn: ['draft'] }), 'fast', 'fast', []],
    ['a summary of two results', task('Summarize {tasks.a} and {tasks.b}.', { dependsOn: ['a', 'b'] }), 'fast', 'fast', []],
    ['analysis', task('Analyze the survey answers.'), 'quality', 'quality', ['says "analyze"']],
    ['British spelling, two words', task('Synthesise the findings and compare them.'), 'quality', 'quality', ['says "synthesise", "compare"']],
    ['design', task('Design the schema for orders.'), 'quality', 'quality', ['says "design"']],
    ['trade-offs', task('List the trade-offs of each option.'), 'quality', 'quality', ['says "trade-offs"']],
    ['fan-in of three', task('Merge {tasks.a}, {tasks.b}, {tasks.c}.', { dependsOn: ['a', 'b', 'c'] }), 'quality', 'quality', ['combines 3 upstream results']],
    ['a long prompt', task('x'.repeat(600)), 'quality', 'quality', ['has a 600-character description']],
    ['long only with placeholders', task(`${'x'.repeat(590)}{tasks.upstream-result}`, { dependsOn: ['upstream-result'] }), 'fast', 'fast', []],
    ['its own model', task('Analyze this.', { model: 'openai:gpt-4o' }), 'openai:gpt-4o', 'own', []],
    ['a command', task('Run the tests', { command: 'npm test' }), undefined, 'none', []],
    ['part of a word', task('Redesigned? No: the codesign of stores.'), 'fast', 'fast', []],
  ])('%s', (_name, input, model, tier, reasons) => {
    expect(routePlanTaskModel(input)).toEqual({ model, tier, reasons });
  });

  it('routes to the models given instead of the aliases', () => {
    const models = { fast: 'groq:llama-3.1-8b-instant', quality: 'anthropic:claude-sonnet-4-5' };
    expect(routePlanTaskModel(task('Name three colors.'), models).model).toBe('groq:llama-3.1-8b-instant');
    expect(routePlanTaskModel(task('Evaluate the options.'), models).model).toBe('anthropic:claude-sonnet-4-5');
  });
});
