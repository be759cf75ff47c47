import path from 'node:path';
import type { AgentTypeConfig } from '../config/agents-config-schema.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { closestMatch } from '../config/closest-match.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { defaultMaxSteps, type AgentType } from './agent-type.ts';
import { builtInAgentTypes } from './built-in-agent-types.ts';
import { readClaudeAgents } from './read-claude-agents.ts';

/**
 * Every subagent type a Swarm knows, by name: the built-in ones (`builtInAgentTypes`), then the project's
 * `.claude/agents/*.md` files, then `agents:` in the config, each overriding the ones before by name
 * (a config entry overrides only the keys it sets).
 */
export function agentTypes({ config, cwd }: { config: SwarmConfig; cwd: string }): Map<string, AgentType> {
  const types = new Map<string, AgentType>();
  for (const [name, settings] of Object.entries(builtInAgentTypes)) types.set(name, resolve(name, settings, 'built-in', cwd));
  for (const { name, settings, file } of readClaudeAgents(cwd, config.aliases)) types.set(name, resolve(name, settings, file, cwd));
  for (const [name, settings] of Object.entries(config.agents ?? {})) {
    const base = types.get(name);
    types.set(name, resolve(name, { ...(base === undefined ? {} : configOf(base)), ...definedOnly(settings) }, 'swarm.config.yaml', cwd));
  }
  return types;
}

/** The type `name` names; an InvalidInputError listing the known types when none does. */
export function findAgentType(name: string, context: { config: SwarmConfig; cwd: string }): AgentType {
  const types = agentTypes(context);
  const found = types.get(name);
  if (found !== undefined) return found;
  const known = [...types.keys()];
  const suggestion = closestMatch(name, known);
  throw new InvalidInputError(
    `subagentType ${JSON.stringify(name)} is not a defined subagent type${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; known types: ${known.join(', ')}. Define types under agents: in swarm.config.yaml or in .claude/agents/*.md`,
  );
}

function resolve(name: string, settings: AgentTypeConfig, definedIn: string, cwd: string): AgentType {
  return Object.freeze({
    name,
    description: settings.description,
    model: settings.model,
    system: settings.system ?? '',
    tools: Object.freeze([...(settings.tools ?? [])]),
    maxSteps: settings.maxSteps ?? defaultMaxSteps,
    root: path.resolve(cwd, settings.root ?? '.'),
    shell: settings.shell,
    fetch: settings.fetch,
    mcpServers: Object.freeze({ ...settings.mcpServers }),
    definedIn,
  });
}

function configOf(type: AgentType): AgentTypeConfig {
  return {
    description: type.description,
    model: type.model,
    system: type.system,
    tools: [...type.tools],
    maxSteps: type.maxSteps,
    root: type.root,
    shell: type.shell,
    fetch: type.fetch,
    mcpServers: { ...type.mcpServers },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as Partial<T>;
}
