import type { McpServerConfig } from '../config/agents-config-schema.ts';

/** The settings of the `shell` tool: which programs it may run, for how long, how much output it keeps. */
export interface AgentShellSettings {
  allow: string[];
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/** The settings of the `fetch_url` tool. */
export interface AgentFetchSettings {
  allowPrivateAddresses?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
}

/**
 * A subagent type, resolved: what `subagentType` (or `--agent`) names. Each dispatch of a pass run
 * with it is an agent loop of this model, system prompt and tools.
 */
export interface AgentType {
  readonly name: string;
  readonly description: string | undefined;
  /** A model spec or alias; undefined: the pass's model. */
  readonly model: string | undefined;
  readonly system: string;
  /** The built-in tools it may call. */
  readonly tools: readonly string[];
  readonly maxSteps: number;
  /** Absolute folder the file tools are confined to (and the shell's working directory). */
  readonly root: string;
  readonly shell: AgentShellSettings | undefined;
  readonly fetch: AgentFetchSettings | undefined;
  readonly mcpServers: Readonly<Record<string, McpServerConfig>>;
  /** Where it is defined: `built-in`, the config, or an agent file's path. */
  readonly definedIn: string;
}

/** Steps an agent takes when its type says nothing. */
export const defaultMaxSteps = 20;
