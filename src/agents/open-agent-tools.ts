import type { ToolSet } from 'ai';
import { connectMcpServers } from '../mcp-tools/index.ts';
import { createBuiltInTools, type BuiltInToolName } from '../tools/index.ts';
import type { AgentType } from './agent-type.ts';

/** The tools of an agent type, ready to call, and how to let go of them (MCP connections). */
export interface AgentTools {
  tools: ToolSet;
  close(): Promise<void>;
}

/**
 * Makes an agent type's tools for a pass: its built-in tools confined to its root (the shell's
 * children get `env` without API keys), and every tool of its MCP servers, named `server__tool`.
 */
export async function openAgentTools(type: AgentType, { env, abortSignal }: { env: Record<string, string | undefined>; abortSignal?: AbortSignal }): Promise<AgentTools> {
  const builtIn = createBuiltInTools(type.tools as BuiltInToolName[], {
    root: type.root,
    ...(type.shell === undefined ? {} : { shell: type.shell }),
    ...(type.fetch === undefined ? {} : { fetch: type.fetch }),
    environment: env,
  });
  if (Object.keys(type.mcpServers).length === 0) return { tools: builtIn, close: async () => {} };
  const mcp = await connectMcpServers({ ...type.mcpServers }, { abortSignal, clientName: `swarm agent ${type.name}` });
  const clash = Object.keys(mcp.tools).find((name) => name in builtIn);
  if (clash !== undefined) {
    await mcp.close();
    throw new Error(`agent type ${type.name}: MCP tool ${clash} has the name of a built-in tool`);
  }
  return { tools: { ...builtIn, ...mcp.tools }, close: () => mcp.close() };
}
