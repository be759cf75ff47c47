import { buildEnvironment } from '../../child-process/build-environment.ts';
import { looksLikeSecret } from './looks-like-secret.ts';

/** The only variables a shell child may inherit. */
export const safeVariableNames = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER', 'TERM', 'SHELL'] as const;

const secretName = /KEY|TOKEN|SECRET|PASSW|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE/i;

/**
 * The environment of a shell child: the safe variables of `base`, minus any value that looks like a
 * secret or contains the value of a secret-named variable of `base` or of this process (so a key
 * copied into, say, `HOME` is caught too), and minus exported shell functions. PATH keeps only its
 * absolute entries: a relative one would run programs from the working folder, which the agent can write.
 */
export function childEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  return buildEnvironment(base, {
    allow: safeVariableNames,
    isSecretName: (name) => secretName.test(name),
    secretsAlsoIn: [process.env],
    // A value starting with "()" is an exported shell function, which a shell child would run.
    isUnsafeValue: (value) => value.startsWith('()') || looksLikeSecret(value),
    absolutePathOnly: true,
  });
}
