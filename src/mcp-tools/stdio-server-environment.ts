/**
 * The variables a stdio server inherits from Swarm's environment: enough to find programs and
 * behave in the user's locale, never an API key. LOGNAME is listed because the SDK's transport
 * adds it to every child's environment anyway.
 */
export const inheritedVariableNames = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER', 'LOGNAME', 'TERM', 'SHELL'] as const;

/** The environment of a stdio server: the allowlisted variables of `parent`, then the server's own `env` from its settings. */
export function stdioServerEnvironment(env: Record<string, string> = {}, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of inheritedVariableNames) {
    const value = parent[name];
    // A value starting with "()" is an exported shell function, which a shell child would run.
    if (value !== undefined && !value.startsWith('()')) inherited[name] = value;
  }
  return { ...inherited, ...env };
}
