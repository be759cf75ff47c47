// Subagent types from swarm.config.yaml's agents:, from .claude/agents/*.md, and built in; every
// mistake in them is an error naming the file and line, before any call.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentTypes } from '../../src/agents/agent-types.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { openSwarm } from '../../src/index.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-agent-types-'));
  folders.push(cwd);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    writeFileSync(path.join(cwd, file), content);
  }
  return cwd;
}

const typesIn = (cwd: string) => agentTypes({ config: loadConfig({ cwd }), cwd });

describe('subagent types', () => {
  it('built in: reviewer reads only, fixer reads and edits, both confined to the working directory', () => {
    const cwd = project({});
    const types = typesIn(cwd);
    expect(types.get('reviewer')).toMatchObject({ tools: ['read_file', 'list_files', 'glob', 'grep'], maxSteps: 20, root: cwd, shell: undefined, definedIn: 'built-in' });
    expect(types.get('fixer')!.tools).toEqual(['read_file', 'list_files', 'glob', 'grep', 'write_file', 'edit_file']);
  });

  it('agents: in swarm.config.yaml defines types and overrides a built-in one key by key, root relative to the file', () => {
    const cwd = project({
      'swarm.config.yaml': 'agents:\n  reviewer:\n    maxSteps: 5\n    root: src\n  tester:\n    model: mock\n    system: Run the tests.\n    tools: [read_file, shell]\n    shell:\n      allow: [npm, node]\n      timeoutMs: 60000\n',
      'src/a.ts': '',
    });
    const types = typesIn(cwd);
    expect(types.get('reviewer')).toMatchObject({ maxSteps: 5, root: path.join(cwd, 'src'), tools: ['read_file', 'list_files', 'glob', 'grep'] });
    expect(types.get('tester')).toMatchObject({ model: 'mock', system: 'Run the tests.', tools: ['read_file', 'shell'], shell: { allow: ['npm', 'node'], timeoutMs: 60000 }, maxSteps: 20 });
  });

  it.each([
    ['an unknown key', 'agents:\n  tester:\n    tool: [read_file]\n', /swarm\.config\.yaml:3: unknown key "agents\.tester\.tool" \(did you mean "tools"\?\)/],
    ['an unknown tool', 'agents:\n  tester:\n    tools:\n      - read_file\n      - reed_file\n', /swarm\.config\.yaml:5: agents\.tester\.tools: unknown tool "reed_file" \(did you mean "read_file"\?\)/],
    ['a root that does not exist', 'agents:\n  tester:\n    root: ./nowhere\n', /swarm\.config\.yaml:3: agents\.tester\.root: .*nowhere is not an existing folder/],
    ['shell without its settings', 'agents:\n  tester:\n    tools: [shell]\n', /swarm\.config\.yaml:3: agents\.tester: the shell tool needs shell: \{ allow/],
    ['an MCP server with both command and url', 'agents:\n  tester:\n    mcpServers:\n      files:\n        command: npx\n        url: http://127.0.0.1:1/mcp\n', /swarm\.config\.yaml:4: "agents\.tester\.mcpServers\.files"/],
  ])('refuses %s, naming the file and line', (_, config, message) => {
    const cwd = project({ 'swarm.config.yaml': config });
    expect(() => openSwarm({ cwd, dir: path.join(cwd, '.swarm') })).toThrow(message);
  });

  it(".claude/agents/*.md: Claude Code's subagent files are types, their tools mapped to Swarm's", () => {
    const cwd = project({
      '.claude/agents/security-reviewer.md': '---\nname: security-reviewer\ndescription: Finds injection bugs\ntools: Read, Grep, Glob\nmodel: haiku\n---\nYou review code for injection bugs.\n',
      '.claude/agents/builder.md': '---\nname: builder\ndescription: Builds\ntools: Read, Edit, Bash\n---\nYou build things.\n',
      '.claude/agents/anything.md': '---\nname: anything\ndescription: No tools listed\n---\nDo it.\n',
    });
    const types = typesIn(cwd);
    expect(types.get('security-reviewer')).toMatchObject({
      description: 'Finds injection bugs',
      tools: ['read_file', 'grep', 'glob'],
      model: 'anthropic:claude-haiku-4-5',
      system: 'You review code for injection bugs.',
      definedIn: path.join(cwd, '.claude/agents/security-reviewer.md'),
    });
    // Bash grants a shell: Claude's agent may run any command.
    expect(types.get('builder')).toMatchObject({ tools: ['read_file', 'edit_file', 'shell'], shell: { allow: ['*'] }, model: undefined });
    expect(types.get('anything')!.tools).toEqual(['read_file', 'list_files', 'glob', 'grep', 'write_file', 'edit_file']);
  });

  it('an agent file naming a tool Swarm cannot map is an error naming the file, line and tool', () => {
    const cwd = project({ '.claude/agents/notes.md': '---\nname: notes\ndescription: Edits notebooks\ntools: Read, NotebookEdit\n---\nEdit notebooks.\n' });
    expect(() => typesIn(cwd)).toThrow(/notes\.md:4: tools "NotebookEdit" has no Swarm counterpart/);
  });
});
