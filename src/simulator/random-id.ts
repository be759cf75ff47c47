import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric id of `length` characters, for response and request ids (never seeded: ids carry no meaning). */
export function randomId(length: number): string {
  let id = '';
  for (const byte of randomBytes(length)) id += alphabet[byte % alphabet.length];
  return id;
}
