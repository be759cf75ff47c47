import { describe, expect, it } from 'vitest';
import { planProblems } from '../planner/plan-problems.ts';
import { researchPlan } from './research-plan.ts';

describe('researchPlan', () => {
  it("is node-scaling's search → fetch → analyze per subject, side by side, then one synthesis citing its sources", () => {
    const plan = researchPlan(['OpenAI', 'Anthropic'], 'AI safety', { model: 'mock' });
    expect(plan).toMatchObject({ name: 'research-ai-safety', goal: 'Research OpenAI, Anthropic on AI safety', strategy: 'research' });
    expect(planProblems(plan)).toEqual([]);
    expect(plan.tasks.map((task) => [task.id, task.agent ?? 'model', task.dependsOn ?? []])).toEqual([
      ['search-openai', 'web-reader', []],
      ['fetch-openai', 'web-reader', ['search-openai']],
      ['analyze-openai', 'model', ['fetch-openai']],
      ['search-anthropic', 'web-reader', []],
      ['fetch-anthropic', 'web-reader', ['search-anthropic']],
      ['analyze-anthropic', 'model', ['fetch-anthropic']],
      ['synthesize', 'model', ['analyze-openai', 'analyze-anthropic']],
    ]);
    expect(plan.tasks.every((task) => task.model === undefined && task.schema !== undefined)).toBe(true);
    const synthesize = plan.tasks.at(-1)!;
    expect(synthesize.schema).toMatchObject({ required: ['report', 'sources'], properties: { sources: { minItems: 1 } } });
    expect(synthesize.description).toContain('{tasks.analyze-openai}');
    expect(synthesize.description).toContain('Cite the sources of every claim as [n]');
    expect(plan.tasks[1]!.description).toContain('{tasks.search-openai.sources}');
    // The mock has no web search of its own: the search fetches a search engine's results page.
    expect(plan.tasks[0]!.description).toContain('https://html.duckduckgo.com/html/?q=OpenAI%20AI%20safety');
  });

  it("searches with the provider's own web search when the model has one", () => {
    const plan = researchPlan(['Mistral'], 'pricing', { model: 'anthropic:claude-sonnet-4-5', env: { ANTHROPIC_API_KEY: 'test-key' }, sourcesPerSubject: 2 });
    expect(plan.tasks[0]).toMatchObject({ id: 'search-mistral', agent: 'web-searcher', schema: { properties: { sources: { maxItems: 2 } } } });
    expect(plan.tasks[0]!.description).toMatch(/^Search the web for the 2 most relevant/);
    expect(researchPlan(['Mistral'], 'pricing', { model: 'anthropic:claude-sonnet-4-5', env: { ANTHROPIC_API_KEY: 'k' }, search: 'fetch' }).tasks[0]!.agent).toBe('web-reader');
  });

  it('gives subjects that look alike their own ids, and refuses what it cannot plan', () => {
    expect(researchPlan(['C++', 'C#', ' '], 'speed', { model: 'mock' }).tasks.map((task) => task.id).filter((id) => id.startsWith('search-'))).toEqual(['search-c', 'search-c-2']);
    expect(() => researchPlan([], 'x', { model: 'mock' })).toThrow('research needs at least one subject');
    expect(() => researchPlan(['a'], ' ', { model: 'mock' })).toThrow('research needs a topic (--topic)');
    expect(() => researchPlan(['a'], 'x', { model: 'mock', search: 'provider' })).toThrow('mock:default has no web search of its own');
    expect(() => researchPlan(['a'], 'x', { model: 'openai:gpt-4o-mini', env: {} })).toThrow(/OPENAI_API_KEY/);
  });
});
