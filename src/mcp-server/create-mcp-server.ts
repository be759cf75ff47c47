import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpServices, McpTool, RunTool } from './mcp-tool.ts';
import { runToolResult, structuredResult } from './mcp-tool.ts';
import { mcpTools } from './mcp-tools.ts';
import { reportProgress } from './report-progress.ts';
import { runTaskStore, taskOf } from './run-task-store.ts';

/**
 * An MCP server over `services`: the swarm_* tools. Tools that start runs support the
 * 2025-11-25 spec's tasks (`taskSupport: optional`: a client may ask for a task and poll it, or
 * call and wait), and send progress notifications while the run goes on either way.
 */
export function createMcpServer(services: McpServices, { version, tools = mcpTools }: { version: string; tools?: readonly McpTool[] }): McpServer {
  const server = new McpServer(
    { name: 'swarm', version },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore: runTaskStore(services.runs),
      instructions:
        'Swarm fans LLM work out over many parallel calls. swarm_create makes a table of rows; swarm_run runs a pass over it (one structured answer per row, resumable); swarm_rows reads the answers; swarm_parallel answers a list of prompts at once; swarm_plan runs a DAG of tasks (or plans one from a goal); swarm_research researches subjects on a topic; swarm_status shows a run or the rate limits.',
    },
  );
  const { redact } = services.swarm.context.secrets;
  for (const tool of tools) {
    if ('kind' in tool) {
      registerRunTool(server, tool, services);
      continue;
    }
    server.registerTool(tool.name, { title: tool.title, description: tool.description, inputSchema: tool.inputSchema }, async (args): Promise<CallToolResult> => {
      try {
        return structuredResult((await tool.call(args, services)) as Record<string, unknown>);
      } catch (error) {
        return { content: [{ type: 'text', text: redact((error as Error)?.message ?? String(error)) }], isError: true };
      }
    });
  }
  return server;
}

function registerRunTool(server: McpServer, tool: RunTool, { runs }: McpServices): void {
  // Each run's progress reporting while it goes on, so its result is handed over only after its last notification went out.
  const reporting = new Map<string, Promise<void>>();
  server.experimental.tasks.registerToolTask(
    tool.name,
    { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, execution: { taskSupport: 'optional' } },
    {
      async createTask(args, extra) {
        const view = await runs.start(tool.kind, tool.request(args as Record<string, unknown>));
        const progressToken = extra._meta?.progressToken;
        if (progressToken !== undefined) {
          // Follows the run, not the request: a task's progress goes on after the call returned.
          const reported = reportProgress(runs, view.id, { progressToken, send: extra.sendNotification }).finally(() => reporting.delete(view.id));
          reporting.set(view.id, reported);
        }
        return { task: taskOf(view) };
      },
      getTask: async (_args, extra) => ({ ...taskOf(runs.get(extra.taskId)) }),
      async getTaskResult(_args, extra) {
        await reporting.get(extra.taskId);
        return runToolResult(runs.get(extra.taskId));
      },
    },
  );
}
