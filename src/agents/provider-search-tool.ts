import { createRequire } from 'node:module';
import type { Tool } from 'ai';

// Loaded only for an agent that searches: a pass does not compile providers it does not call.
const require = createRequire(import.meta.url);

/** The agent tool name that stands for the model provider's own web search. */
export const webSearchToolName = 'web_search';

/**
 * The provider's own web search tool for a model of `provider` (an AI SDK provider id), run by the
 * provider: OpenAI's through the Responses API (`openai-responses:` models), Anthropic's, and
 * Google's search grounding. Undefined for a provider that has none.
 */
export function providerSearchTool(provider: string): Tool | undefined {
  if (provider === 'openai.responses') return (require('@ai-sdk/openai') as typeof import('@ai-sdk/openai')).openai.tools.webSearch({}) as Tool;
  if (provider.startsWith('anthropic')) return (require('@ai-sdk/anthropic') as typeof import('@ai-sdk/anthropic')).anthropic.tools.webSearch_20250305({ maxUses: 5 }) as Tool;
  if (provider.startsWith('google')) return (require('@ai-sdk/google') as typeof import('@ai-sdk/google')).google.tools.googleSearch({}) as Tool;
  return undefined;
}
