const keyShapedPattern = /\b(sk-[A-Za-z0-9_-]{6,}|sk-ant-[A-Za-z0-9_-]{6,}|gsk_[A-Za-z0-9]{6,}|AIza[A-Za-z0-9_-]{10,})/g;

/**
 * Removes API keys from text bound for logs, events, the store or error messages: the `keys`
 * given (those models were resolved with, see `SecretRedactor`), the values of the environment's
 * key variables, and anything shaped like a known provider key.
 */
export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>> = process.env, keys: Iterable<string> = []): string {
  let redacted = text;
  for (const key of keys) redacted = redacted.replaceAll(key, '[redacted]');
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= 8 && /(KEY|TOKEN|SECRET)$/.test(name)) {
      redacted = redacted.replaceAll(value, '[redacted]');
    }
  }
  return redacted.replace(keyShapedPattern, '[redacted]');
}
