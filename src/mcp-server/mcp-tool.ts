import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { RunManager } from '../runs/run-manager.ts';
import type { RunView } from '../runs/run-view.ts';
import type { Swarm } from '../swarm/open-swarm.ts';

/** What tools work with. */
export interface McpServices {
  swarm: Swarm;
  runs: RunManager;
  /** The status `swarm_status` shows without a run id. */
  status(): unknown;
}

/** A tool answered at once. */
export interface QuickTool {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodRawShape;
  /** Its structured result; a thrown SwarmError becomes a tool error saying what to fix. */
  call(args: Record<string, unknown>, services: McpServices): Promise<unknown>;
}

/** A tool that starts a run: a task where the client asks for one, with progress notifications either way. */
export interface RunTool {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodRawShape;
  /** The run kind it starts, and the request made of its arguments. */
  kind: string;
  request(args: Record<string, unknown>): unknown;
}

/** One of the server's tools. */
export type McpTool = QuickTool | RunTool;

/** The tool result of an ended run: its result as structured content, or its error with `isError`. */
export function runToolResult(view: RunView): CallToolResult {
  if (view.status === 'failed' || view.error !== undefined) {
    return { content: [{ type: 'text', text: `${view.error?.name ?? 'Error'}: ${view.error?.message ?? 'the run failed'}` }], isError: true };
  }
  if (view.status === 'running') {
    return { content: [{ type: 'text', text: `run ${view.id} is still running; poll it with swarm_status { runId: "${view.id}" }` }], isError: true };
  }
  return structuredResult({ runId: view.id, status: view.status, ...(view.result as Record<string, unknown>) });
}

/** A result as structured content, with its JSON as text for clients that read only text. */
export function structuredResult(value: Record<string, unknown>): CallToolResult {
  return { structuredContent: value, content: [{ type: 'text', text: JSON.stringify(value) }] };
}
