/**
 * The environment a row's command gets: `env` without the variables that hold secrets, so that no
 * command a row starts can read or print a key. Left out: every variable in `keyVariables` (the
 * API keys the config knows), every variable whose name looks like a secret's (a `KEY`, `KEYS`,
 * `APIKEY`, `TOKEN`, `SECRET` or `CREDENTIAL(S)` part between underscores, or `PASSWORD`/`PASSWD`
 * anywhere), and every variable holding one of their values (a key copied under another name);
 * unless named in `passEnv`.
 */
export function commandEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  { keyVariables, passEnv = [] }: { keyVariables: Iterable<string>; passEnv?: readonly string[] },
): Record<string, string> {
  const keys = new Set(keyVariables);
  const passed = new Set(passEnv);
  const secretValues: string[] = [];
  const kept: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (passed.has(name) || (!keys.has(name) && !looksSecret(name))) kept.push([name, value]);
    else if (value.length >= shortestSecret) secretValues.push(value);
  }
  const result: Record<string, string> = {};
  for (const [name, value] of kept) {
    if (passed.has(name) || !secretValues.some((secret) => value.includes(secret))) result[name] = value;
  }
  return result;
}

/** True for a variable name that looks like it holds a secret (see `commandEnvironment`). */
export function looksSecret(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.includes('PASSWORD') || upper.includes('PASSWD')) return true;
  return upper.split('_').some((part) => secretParts.has(part));
}

const secretParts = new Set(['KEY', 'KEYS', 'APIKEY', 'TOKEN', 'TOKENS', 'SECRET', 'SECRETS', 'CREDENTIAL', 'CREDENTIALS']);
// Shorter values (`1`, `true`) are settings, not keys, and would match half the environment.
const shortestSecret = 8;
