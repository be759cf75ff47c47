const keyShapedPattern = /\b(sk-[A-Za-z0-9_-]{6,}|sk-ant-[A-Za-z0-9_-]{6,}|gsk_[A-Za-z0-9]{6,}|AIza[A-Za-z0-9_-]{10,})/g;

// Every key value this process read to make calls, whatever the variable holding it is called
// (a provider's `apiKeyEnv`, a task's `worker_api_key_env`).
const keysInUse = new Set<string>();

/** Marks `value` as an API key: from now on it is redacted wherever it appears. */
export function rememberApiKey(value: string): void {
  if (value.length >= 8) keysInUse.add(value);
}

/**
 * Removes API keys from text bound for logs, events, the store or error messages: every key a
 * model was resolved with, the values of the environment's key variables, and anything shaped
 * like a known provider key.
 */
export function redactSecrets(text: string, env: Record<string, string | undefined> = process.env): string {
  let redacted = text;
  for (const key of keysInUse) redacted = redacted.replaceAll(key, '[redacted]');
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= 8 && /(KEY|TOKEN|SECRET)$/.test(name)) {
      redacted = redacted.replaceAll(value, '[redacted]');
    }
  }
  return redacted.replace(keyShapedPattern, '[redacted]');
}
