/** What the `shell` tool may run; the tool exists only when these are given. */
export interface ShellSettings {
  /** Program names the agent may run (`['git', 'ls']`); `['*']` allows any program. */
  allow: string[];
  /** A command still running after this long is killed with its whole process group. Default 60000. */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each; the rest is dropped and the cut is said. Default 65536. */
  maxOutputBytes?: number;
}

/** Limits of the `fetch_url` tool. */
export interface FetchSettings {
  /** Allow loopback, private, link-local and other non-public addresses. Default false. */
  allowPrivateAddresses?: boolean;
  /** Bytes of a response body kept; the rest is not read. Default 1_000_000. */
  maxBytes?: number;
  /** Time for the whole fetch, redirects included. Default 30000. */
  timeoutMs?: number;
}

/** Where and how far the built-in tools may reach. */
export interface ToolSettings {
  /** Absolute folder the file tools are confined to, and the shell's working directory. */
  root: string;
  /** Files bigger than this are refused by read_file, grep and edit_file (and not written by write_file). Default 1_000_000. */
  maxFileBytes?: number;
  /** Settings of the `shell` tool, which exists only when these are given. */
  shell?: ShellSettings;
  /** Settings of the `fetch_url` tool. */
  fetch?: FetchSettings;
  /** Base environment of shell children (default `process.env`); only safe, secret-free variables pass. */
  environment?: NodeJS.ProcessEnv;
}
