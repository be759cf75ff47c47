/** The names of the tools an agent can be given without any MCP server. */
export const builtInToolNames = ['read_file', 'list_files', 'glob', 'grep', 'write_file', 'edit_file', 'shell', 'fetch_url'] as const;

/** One of `builtInToolNames`. */
export type BuiltInToolName = (typeof builtInToolNames)[number];
