import { buildEnvironment } from '../child-process/build-environment.ts';

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
  return buildEnvironment(env, { isSecretName: (name) => keys.has(name) || looksSecret(name), pass: new Set(passEnv) });
}

/** True for a variable name that looks like it holds a secret (see `commandEnvironment`). */
function looksSecret(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.includes('PASSWORD') || upper.includes('PASSWD')) return true;
  return upper.split('_').some((part) => secretParts.has(part));
}

const secretParts = new Set(['KEY', 'KEYS', 'APIKEY', 'TOKEN', 'TOKENS', 'SECRET', 'SECRETS', 'CREDENTIAL', 'CREDENTIALS']);
