import { statSync } from 'node:fs';
import path from 'node:path';
import { builtInToolNames } from '../tools/built-in-tool-names.ts';
import { closestMatch } from './closest-match.ts';
import type { SwarmConfig } from './swarm-config.ts';

/** A problem with one setting of `agents:`, at its key path. */
export interface AgentSettingProblem {
  keyPath: (string | number)[];
  message: string;
}

// Tools an agent may list besides the built-in ones: the model provider's own web search.
const providerToolNames = ['web_search'];
const agentToolNames: readonly string[] = [...builtInToolNames, ...providerToolNames];

/**
 * Checks what zod cannot of `agents:`: tool names are Swarm's built-in tools or `web_search`, `shell` is set when
 * the `shell` tool is listed, and `root` is an existing folder. Each `root` is made absolute against
 * `baseDir` (the config file's folder, or the working directory for a config given in code).
 */
export function checkAgentSettings(config: SwarmConfig, baseDir: string): AgentSettingProblem[] {
  const problems: AgentSettingProblem[] = [];
  for (const [name, settings] of Object.entries(config.agents ?? {})) {
    const tools = settings.tools ?? [];
    tools.forEach((tool, index) => {
      if (agentToolNames.includes(tool)) return;
      const suggestion = closestMatch(tool, agentToolNames);
      problems.push({
        keyPath: ['agents', name, 'tools', index],
        message: `agents.${name}.tools: unknown tool "${tool}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; the tools are ${agentToolNames.join(', ')} (an MCP server's tools come with mcpServers)`,
      });
    });
    if (tools.includes('shell') && settings.shell === undefined) {
      problems.push({ keyPath: ['agents', name, 'tools'], message: `agents.${name}: the shell tool needs shell: { allow: [commands it may run] }` });
    }
    if (settings.root !== undefined) {
      const root = path.resolve(baseDir, settings.root);
      if (!isFolder(root)) problems.push({ keyPath: ['agents', name, 'root'], message: `agents.${name}.root: ${root} is not an existing folder` });
      else settings.root = root;
    }
  }
  return problems;
}

function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
