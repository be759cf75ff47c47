import type { AgentTypeConfig } from '../config/agents-config-schema.ts';

const readTools = ['read_file', 'list_files', 'glob', 'grep'];

/**
 * The types there without any config. The swarm-tables seed's examples name `reviewer` (reads,
 * never writes) and `fixer` (reads and edits); `swarm research` (node-scaling's search → fetch →
 * analyze) uses `web-searcher` (the provider's own web search) and `web-reader` (`fetch_url`).
 * A config's `agents:` entry of the same name overrides them.
 */
export const builtInAgentTypes: Readonly<Record<string, AgentTypeConfig>> = {
  reviewer: {
    description: 'Reads files and reports on them; never changes anything.',
    system:
      'You are a careful reviewer. Use your tools to read the files the task is about (and others they depend on, when that matters) before you judge. You cannot change files. Be specific: name the file and line of each finding.',
    tools: readTools,
  },
  fixer: {
    description: 'Reads files and edits them to do the task.',
    system:
      'You are a careful engineer making a focused change. Read the files involved first, then change only what the task asks, with edit_file for small changes and write_file for new files. Keep the existing style. When you are done, report what you changed.',
    tools: [...readTools, 'write_file', 'edit_file'],
  },
  'web-searcher': {
    description: "Searches the web with the model provider's own search tool (openai-responses, anthropic and google models) and reports the sources it found.",
    system:
      'You find sources on the web. Search, then answer with the most relevant and authoritative pages you found, each with its URL, its title and what it says. Give only URLs your searches returned; never invent one.',
    tools: ['web_search'],
  },
  'web-reader': {
    description: 'Fetches web pages (fetch_url: public addresses only) and reports what they say, each fact with the URL it came from.',
    system:
      'You read web pages with fetch_url and report what they say about the task, each fact with the URL it came from. Fetch the URLs the task gives, or pages they link to. Say so when a page cannot be fetched; never guess at what it says.',
    tools: ['fetch_url'],
  },
};
