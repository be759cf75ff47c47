import { providerSearchTool } from '../agents/provider-search-tool.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { resolveModel } from '../model/resolve-model.ts';
import type { Plan, PlanTask } from '../plan/plan.ts';
import { freeId } from '../planner/free-id.ts';
import { planName } from '../planner/plan-name.ts';
import { quoteGoal } from '../planner/quote-goal.ts';
import { analysisSchema, findingsSchema, reportSchema, sourcesSchema } from './research-schemas.ts';

/** Options of `researchPlan`. */
export interface ResearchPlanOptions {
  /**
   * The model the plan will run on (a spec or an alias): its provider decides how sources are
   * searched. The tasks name no model (an agent task cannot name one beside its agent): run the
   * plan with this model as its default.
   */
  model: string;
  /**
   * `provider`: the `web-searcher` agent, with the provider's own web search (openai-responses,
   * anthropic, google). `fetch`: the `web-reader` agent, fetching a search engine's results page
   * with `fetch_url`. Default: `provider` when the model's provider has a search tool, else `fetch`.
   */
  search?: 'provider' | 'fetch';
  /** Sources a search finds per subject. Default 4. */
  sourcesPerSubject?: number;
  /** Aliases and providers, as in swarm.config.yaml. */
  config?: SwarmConfig;
  env?: Record<string, string | undefined>;
}

/** The most subjects one research plan takes. */
export const maxSubjects = 20;

/**
 * node-scaling's `research(subjects, topic)` as a plan: per subject, search → fetch → analyze
 * (each subject's chain runs beside the others), then one synthesis of every analysis, a report
 * whose schema requires the sources it cites. Search and fetch tasks are agents
 * (`web-searcher`/`web-reader`), analysis and synthesis one structured call each.
 */
export function researchPlan(subjects: readonly string[], topic: string, { model, search, sourcesPerSubject = 4, config, env = process.env }: ResearchPlanOptions): Plan {
  const named = (Array.isArray(subjects) ? subjects : []).map((subject) => (typeof subject === 'string' ? subject.trim() : '')).filter((subject) => subject !== '');
  if (named.length === 0) throw new InvalidInputError('research needs at least one subject, e.g. swarm research OpenAI Anthropic --topic "AI safety"');
  if (named.length > maxSubjects) throw new InvalidInputError(`research takes at most ${maxSubjects} subjects, got ${named.length}`);
  if (typeof topic !== 'string' || topic.trim() === '') throw new InvalidInputError('research needs a topic (--topic)');
  if (!Number.isInteger(sourcesPerSubject) || sourcesPerSubject < 1) throw new InvalidInputError(`sourcesPerSubject must be a whole number ≥ 1, got ${sourcesPerSubject}`);
  const resolved = resolveModel(model, { config, env });
  const providerSearches = providerSearchTool(resolved.languageModel.provider) !== undefined;
  const searchBy = search ?? (providerSearches ? 'provider' : 'fetch');
  if (searchBy === 'provider' && !providerSearches) {
    throw new InvalidInputError(`${resolved.spec} has no web search of its own: use an openai-responses:, anthropic: or google: model, or search: 'fetch'`);
  }
  const about = quoteGoal(topic);
  const taken = new Set<string>();
  const chains = named.map((subject) => {
    const slug = freeId(planName(subject).slice(0, 40), taken);
    taken.add(slug);
    return subjectChain(quoteGoal(subject), slug, about, { searchBy, count: sourcesPerSubject });
  });
  const synthesize: PlanTask = {
    id: 'synthesize',
    description:
      `Write a report on ${about}, covering ${named.map(quoteGoal).join(', ')}, from the analyses below. Compare where that helps. ` +
      'Cite the sources of every claim as [n], numbering them in the order first cited, and list every source you cite with its number, URL and title. ' +
      'Cite only URLs the analyses give.\n\n' +
      chains.map(({ subject, analyze }) => `Analysis of ${subject}:\n{tasks.${analyze.id}}`).join('\n\n'),
    dependsOn: chains.map(({ analyze }) => analyze.id),
    schema: reportSchema,
  };
  return {
    name: `research-${planName(topic)}`.slice(0, 64),
    goal: `Research ${named.join(', ')} on ${topic.trim()}`,
    strategy: 'research',
    tasks: [...chains.flatMap(({ search: searchTask, fetch, analyze }) => [searchTask, fetch, analyze]), synthesize],
  };
}

function subjectChain(subject: string, slug: string, topic: string, { searchBy, count }: { searchBy: 'provider' | 'fetch'; count: number }) {
  const want = `the ${count} most relevant and authoritative sources on ${subject} regarding ${topic} (official pages, reputable press, papers)`;
  const resultsPage = `https://html.duckduckgo.com/html/?q=${encodeURIComponent(`${subject} ${topic}`)}`;
  const search: PlanTask = {
    id: `search-${slug}`,
    ...(searchBy === 'provider'
      ? { agent: 'web-searcher', description: `Search the web for ${want}. For each, give its URL, its title, and a line on what it says.` }
      : {
          agent: 'web-reader',
          description:
            `Find ${want}: fetch this web search's results page with fetch_url, ${resultsPage} , and pick from its results. ` +
            "For each, give the page's own URL (not the search engine's link to it), its title, and a line on what it says.",
        }),
    schema: sourcesSchema(count),
  };
  const fetch: PlanTask = {
    id: `fetch-${slug}`,
    agent: 'web-reader',
    description:
      `Fetch each of these pages with fetch_url and extract what they say about ${subject} regarding ${topic}, each fact with the URL of the page it came from. ` +
      `Leave out pages that cannot be fetched.\n\nSources:\n{tasks.${search.id}.sources}`,
    dependsOn: [search.id],
    schema: findingsSchema,
  };
  const analyze: PlanTask = {
    id: `analyze-${slug}`,
    description:
      `Analyze what these findings say about ${subject} regarding ${topic}: the main points, how well each is supported, and what is missing. ` +
      `Give each point the URLs it rests on.\n\nFindings:\n{tasks.${fetch.id}.findings}`,
    dependsOn: [fetch.id],
    schema: analysisSchema,
  };
  return { subject, search, fetch, analyze };
}
