/**
 * Claude Code's tool names as Swarm's built-in tools. `Bash` grants any command: an agent file
 * that lists it asks for a shell without limits. Names left out have no Swarm counterpart.
 */
export const claudeToolNames: Readonly<Record<string, readonly string[]>> = {
  Read: ['read_file'],
  LS: ['list_files'],
  Glob: ['glob'],
  Grep: ['grep'],
  Write: ['write_file'],
  Edit: ['edit_file'],
  MultiEdit: ['edit_file'],
  Bash: ['shell'],
  WebFetch: ['fetch_url'],
  WebSearch: ['web_search'],
};

/** The tools an agent file that names none gets: Claude gives such an agent every tool; Swarm gives the file tools (no shell, no network). */
export const claudeDefaultTools: readonly string[] = ['read_file', 'list_files', 'glob', 'grep', 'write_file', 'edit_file'];

/** Claude Code's model shorthands, as Swarm model specs (a config alias of the same name wins). */
export const claudeModelNames: Readonly<Record<string, string>> = {
  sonnet: 'anthropic:claude-sonnet-4-5',
  opus: 'anthropic:claude-opus-4-1',
  haiku: 'anthropic:claude-haiku-4-5',
};
