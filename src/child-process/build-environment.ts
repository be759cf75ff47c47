import path from 'node:path';
import type { EnvironmentPolicy } from './environment-policy.ts';

// Shorter values (`1`, `true`) are settings, not keys, and would match half the environment.
const shortestSecretCharacters = 8;

/**
 * The environment a child process gets from `env` under `policy`: the variables it allows, less
 * those named like secrets, less any value that contains a secret's value (a key copied under
 * another name) or that the policy finds unsafe; variables the policy passes are kept as they are.
 */
export function buildEnvironment(env: Readonly<Record<string, string | undefined>>, policy: EnvironmentPolicy): Record<string, string> {
  const pass = policy.pass ?? new Set<string>();
  const secrets = [env, ...(policy.secretsAlsoIn ?? [])].flatMap((source) => secretValues(source, policy, pass));
  const isUnsafe = (value: string) => policy.isUnsafeValue?.(value) === true || secrets.some((secret) => value.includes(secret));
  const environment: Record<string, string> = {};
  for (const name of policy.allow ?? Object.keys(env)) {
    const value = env[name];
    if (value === undefined) continue;
    if (pass.has(name)) environment[name] = value;
    else if (policy.isSecretName(name)) continue;
    else if (name === 'PATH' && policy.absolutePathOnly === true) {
      environment.PATH = value
        .split(path.delimiter)
        .filter((entry) => path.isAbsolute(entry) && !isUnsafe(entry))
        .join(path.delimiter);
    } else if (!isUnsafe(value)) environment[name] = value;
  }
  return environment;
}

function secretValues(env: Readonly<Record<string, string | undefined>>, policy: EnvironmentPolicy, pass: ReadonlySet<string>): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= shortestSecretCharacters && !pass.has(name) && policy.isSecretName(name)) values.push(value);
  }
  return values;
}
