import path from 'node:path';
import { looksLikeSecret } from './looks-like-secret.ts';

/** The only variables a shell child may inherit. */
export const safeVariableNames = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER', 'TERM', 'SHELL'] as const;

const secretName = /KEY|TOKEN|SECRET|PASSW|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE/i;
const shortestSecretCharacters = 8;

/**
 * The environment of a shell child: the safe variables of `base`, minus any value that looks like a
 * secret or contains the value of a secret-named variable of `base` or of this process (so a key
 * copied into, say, `HOME` is caught too), and minus exported shell functions. PATH keeps only its absolute entries: a relative one
 * would run programs from the working folder, which the agent can write.
 */
export function childEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const secrets = [...secretValues(base), ...secretValues(process.env)];
  const isSecret = (value: string) => looksLikeSecret(value) || secrets.some((secret) => value.includes(secret));
  // A value starting with "()" is an exported shell function, which a shell child would run.
  const isUnsafe = (value: string) => value.startsWith('()') || isSecret(value);
  const environment: Record<string, string> = {};
  for (const name of safeVariableNames) {
    const value = base[name];
    if (value === undefined) continue;
    if (name === 'PATH') {
      environment.PATH = value
        .split(path.delimiter)
        .filter((entry) => path.isAbsolute(entry) && !isUnsafe(entry))
        .join(path.delimiter);
    } else if (!isUnsafe(value)) {
      environment[name] = value;
    }
  }
  return environment;
}

function secretValues(environment: NodeJS.ProcessEnv): string[] {
  return Object.entries(environment)
    .filter(([name, value]) => secretName.test(name) && value !== undefined && value.length >= shortestSecretCharacters)
    .map(([, value]) => value!);
}
