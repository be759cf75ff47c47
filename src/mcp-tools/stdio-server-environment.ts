import { childEnvironment } from '../tools/shell/child-environment.ts';

/**
 * The environment of a stdio server: what an agent's shell children get from `parent` (a few
 * variables to find programs and keep the user's locale, never a value that looks like a key),
 * LOGNAME (the SDK's transport adds it to every child anyway), then the server's own `env` from its
 * settings, which the user gave it on purpose.
 */
export function stdioServerEnvironment(env: Record<string, string> = {}, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const inherited = childEnvironment(parent);
  const logname = parent.LOGNAME;
  if (logname !== undefined && childEnvironment({ USER: logname }).USER === logname) inherited.LOGNAME = logname;
  return { ...inherited, ...env };
}
