import type { Tool, ToolSet } from 'ai';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { connectMcpServers } from '../mcp-tools/index.ts';
import { createBuiltInTools, type BuiltInToolName } from '../tools/index.ts';
import type { AgentType } from './agent-type.ts';
import { providerSearchTool, webSearchToolName } from './provider-search-tool.ts';

/** The tools of an agent type, ready to call, and how to let go of them (MCP connections). */
export interface AgentTools {
  tools: ToolSet;
  close(): Promise<void>;
}

/**
 * Makes an agent type's tools for a pass: its built-in tools confined to its root (the shell's
 * children get `env` without API keys), and every tool of its MCP servers, named `server__tool`.
 */
export async function openAgentTools(
  type: AgentType,
  { env, abortSignal, provider }: { env: Record<string, string | undefined>; abortSignal?: AbortSignal; provider: string },
): Promise<AgentTools> {
  const searches = type.tools.includes(webSearchToolName);
  const builtIn = createBuiltInTools(type.tools.filter((name) => name !== webSearchToolName) as BuiltInToolName[], {
    root: type.root,
    ...(type.shell === undefined ? {} : { shell: type.shell }),
    ...(type.fetch === undefined ? {} : { fetch: type.fetch }),
    environment: env,
  });
  if (searches) builtIn[webSearchToolName] = searchToolOf(type, provider);
  if (Object.keys(type.mcpServers).length === 0) return { tools: builtIn, close: async () => {} };
  const mcp = await connectMcpServers({ ...type.mcpServers }, { abortSignal, clientName: `swarm agent ${type.name}`, environment: env });
  const clash = Object.keys(mcp.tools).find((name) => name in builtIn);
  if (clash !== undefined) {
    await mcp.close();
    throw new Error(`agent type ${type.name}: MCP tool ${clash} has the name of a built-in tool`);
  }
  return { tools: { ...builtIn, ...mcp.tools }, close: () => mcp.close() };
}

/**
 * The provider's search tool, for an agent type that lists `web_search`; an InvalidInputError when
 * the model's provider has none (checked by `preparePass` before the pass starts).
 */
export function searchToolOf(type: AgentType, provider: string): Tool {
  const tool = providerSearchTool(provider);
  if (tool === undefined) {
    throw new InvalidInputError(
      `agent type ${type.name} uses web_search, which is the model provider's own search tool; ${provider} has none: use an openai-responses:, anthropic: or google: model`,
    );
  }
  return tool;
}
