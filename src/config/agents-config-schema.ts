import { z } from 'zod';
import { mcpServersSchema } from '../mcp-tools/mcp-server-settings.ts';

const positiveWhole = z.number().int().positive();
const toolName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'tool names are letters, digits, "_" and "-"');

/** One subagent type under `agents:`; every key is optional so a config may override a built-in type in part. */
export const agentTypeConfigSchema = z.strictObject({
  description: z.string().optional(),
  /** A model spec or alias; default the pass's model. */
  model: z.string().min(1).optional(),
  system: z.string().optional(),
  /** The built-in tools it may use (read_file, write_file, shell…); MCP servers' tools come with `mcpServers`. */
  tools: z.array(toolName).optional(),
  maxSteps: positiveWhole.optional(),
  /** The folder its file tools are confined to (relative to the config file's folder); default the working directory. */
  root: z.string().min(1).optional(),
  shell: z
    .strictObject({
      allow: z.array(z.string().min(1)).min(1, 'list the commands the shell tool may run (["*"] for any)'),
      timeoutMs: positiveWhole.optional(),
      maxOutputBytes: positiveWhole.optional(),
    })
    .optional(),
  fetch: z
    .strictObject({
      allowPrivateAddresses: z.boolean().optional(),
      maxBytes: positiveWhole.optional(),
      timeoutMs: positiveWhole.optional(),
    })
    .optional(),
  /** MCP servers whose tools the agent gets, named `<server>__<tool>`. */
  mcpServers: mcpServersSchema.optional(),
});

/** `agents:` in swarm.config.yaml: named subagent types. */
export const agentsConfigSchema = z
  .record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'agent type names are letters, digits, ".", "-" and "_"'), agentTypeConfigSchema)
  .default({});

export type AgentTypeConfig = z.infer<typeof agentTypeConfigSchema>;
export type { McpServerSettings as McpServerConfig } from '../mcp-tools/mcp-server-settings.ts';
