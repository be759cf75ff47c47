import { z } from 'zod';
import { maxSubjects } from '../research/research-plan.ts';

/** `swarm research A B --topic T`'s inputs as JSON. */
export const researchRequestShape = {
  subjects: z.array(z.string().min(1)).min(1).max(maxSubjects).describe(`What to research, e.g. ["OpenAI", "Anthropic"] (at most ${maxSubjects}).`),
  topic: z.string().min(1).describe('What to research them on, e.g. "AI safety".'),
  model: z.string().min(1).optional().describe('The model of every task; default SWARM_MODEL, then swarm.config.yaml. openai-responses:, anthropic: and google: models search with their own web search.'),
  search: z.enum(['provider', 'fetch']).optional().describe("provider: the model's own web search; fetch: fetch a search engine's results page (default: provider when the model has one)."),
  sourcesPerSubject: z.number().int().min(1).optional().describe('Sources to find per subject (default 4).'),
};

/** A research run, as JSON. */
export const researchRequestSchema = z.strictObject(researchRequestShape);

/** The JSON form of a research run. */
export type ResearchRequest = z.infer<typeof researchRequestSchema>;
