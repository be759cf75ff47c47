import { redactSecrets } from './redact-secrets.ts';

/** Removes the API keys one Swarm uses from every message it stores, emits or throws. */
export interface SecretRedactor {
  /** Marks `value` as an API key: from now on it is redacted wherever it appears. */
  remember(value: string): void;
  /** `text` without the keys remembered, the environment's key variables' values, or anything shaped like a provider key. */
  redact(text: string): string;
}

/** A redactor of `env`'s key variables, remembering the keys its models are resolved with. */
export function createSecretRedactor(env: Readonly<Record<string, string | undefined>> = process.env): SecretRedactor {
  // Every key value read to make calls, whatever the variable holding it is called (a provider's
  // `apiKeyEnv`, a task's `worker_api_key_env`).
  const keysInUse = new Set<string>();
  return {
    remember(value) {
      if (value.length >= 8) keysInUse.add(value);
    },
    redact: (text) => redactSecrets(text, env, keysInUse),
  };
}
