import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AgentTypeConfig } from '../config/agents-config-schema.ts';
import { yamlLibrary } from '../config/yaml-library.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { claudeDefaultTools, claudeModelNames, claudeToolNames } from './claude-tool-names.ts';

/** A subagent type read from an agent file, with the file it came from. */
export interface AgentFileType {
  name: string;
  settings: AgentTypeConfig;
  file: string;
}

/** Where Claude Code keeps a project's subagent definitions, relative to the project folder. */
export const claudeAgentsFolder = path.join('.claude', 'agents');

/**
 * Reads the subagent files in `<cwd>/.claude/agents/*.md` (Claude Code's format: YAML front matter
 * with `name`, `description`, `tools`, `model`; the body is the system prompt). Tool names are mapped
 * to Swarm's; one that cannot be is an InvalidInputError naming the file and line.
 */
export function readClaudeAgents(cwd: string, aliases: Readonly<Record<string, string>> = {}): AgentFileType[] {
  const folder = path.join(cwd, claudeAgentsFolder);
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();
  return files.map((name) => readAgentFile(path.join(folder, name), aliases));
}

function readAgentFile(file: string, aliases: Readonly<Record<string, string>>): AgentFileType {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (match === null) throw new InvalidInputError('an agent file starts with YAML front matter between "---" lines (name, description, tools, model)', { file, line: 1 });
  const { parseDocument, LineCounter } = yamlLibrary();
  const lineCounter = new LineCounter();
  const document = parseDocument(match[1]!, { lineCounter });
  if (document.errors.length > 0) {
    const line = document.errors[0]!.linePos?.[0].line;
    throw new InvalidInputError(`invalid front matter: ${document.errors[0]!.message.split('\n')[0]}`, { file, line: line === undefined ? undefined : line + 1 });
  }
  const front = (document.toJS() ?? {}) as Record<string, unknown>;
  // Front matter lines are counted from the line after the opening "---".
  const lineOf = (key: string) => {
    const offset = match[1]!.search(new RegExp(`^${key}\\s*:`, 'm'));
    return offset < 0 ? undefined : lineCounter.linePos(offset).line + 1;
  };
  const name = front.name ?? path.basename(file, '.md');
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
    throw new InvalidInputError(`name must be letters, digits, ".", "-" and "_", got ${JSON.stringify(name)}`, { file, line: lineOf('name') });
  }
  const settings: AgentTypeConfig = { system: text.slice(match[0].length).trim(), tools: toolsOf(front.tools, { file, line: lineOf('tools') }) };
  if (typeof front.description === 'string') settings.description = front.description;
  const model = modelOf(front.model, aliases, { file, line: lineOf('model') });
  if (model !== undefined) settings.model = model;
  if (settings.tools!.includes('shell')) settings.shell = { allow: ['*'] };
  return { name, settings, file };
}

function toolsOf(value: unknown, where: { file: string; line: number | undefined }): string[] {
  if (value === undefined || value === null) return [...claudeDefaultTools];
  const names = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (names === undefined || names.some((name) => typeof name !== 'string')) {
    throw new InvalidInputError('tools must be a comma-separated list of tool names, like "Read, Grep, Glob"', where);
  }
  const tools = new Set<string>();
  const unknown: string[] = [];
  for (const raw of names as string[]) {
    const name = raw.trim();
    if (name === '') continue;
    const mapped = claudeToolNames[name];
    if (mapped === undefined) unknown.push(name);
    else for (const tool of mapped) tools.add(tool);
  }
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `tools ${unknown.map((name) => JSON.stringify(name)).join(', ')} ${unknown.length === 1 ? 'has' : 'have'} no Swarm counterpart; Swarm maps ${Object.keys(claudeToolNames).join(', ')} (MCP servers go under agents: in swarm.config.yaml)`,
      where,
    );
  }
  return [...tools];
}

function modelOf(value: unknown, aliases: Readonly<Record<string, string>>, where: { file: string; line: number | undefined }): string | undefined {
  if (value === undefined || value === null || value === 'inherit') return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError('model must be a model name (sonnet, opus, haiku, inherit, or provider:model-id)', where);
  if (aliases[value] !== undefined || value.includes(':')) return value;
  return claudeModelNames[value] ?? value;
}
