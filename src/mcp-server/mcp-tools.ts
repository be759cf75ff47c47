import type { McpTool } from './mcp-tool.ts';
import { swarmCreateTool } from './tools/swarm-create-tool.ts';
import { swarmParallelTool } from './tools/swarm-parallel-tool.ts';
import { swarmPlanTool } from './tools/swarm-plan-tool.ts';
import { swarmResearchTool } from './tools/swarm-research-tool.ts';
import { swarmRowsTool } from './tools/swarm-rows-tool.ts';
import { swarmRunTool } from './tools/swarm-run-tool.ts';
import { swarmStatusTool } from './tools/swarm-status-tool.ts';

/** The MCP server's tools, in the order `tools/list` shows them. */
export const mcpTools: readonly McpTool[] = [swarmCreateTool, swarmRunTool, swarmRowsTool, swarmStatusTool, swarmParallelTool, swarmPlanTool, swarmResearchTool];
