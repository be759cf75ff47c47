import type { AgentTypeConfig } from '../config/agents-config-schema.ts';

const readTools = ['read_file', 'list_files', 'glob', 'grep'];

/**
 * The types the swarm-tables seed's examples name, there without any config: `reviewer` reads and
 * never writes; `fixer` reads and edits. A config's `agents:` entry of the same name overrides them.
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
};
