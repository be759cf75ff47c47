import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const idFileName = 'store-id';

/**
 * The id of the store in `dir`: random, made on first use and kept in a file beside the database,
 * so it survives a move of the folder or a new host name. It namespaces what the store's runs
 * keep outside it (their queued work in Redis): two stores never share a name there.
 */
export function storeId(dir: string): string {
  const file = path.join(dir, idFileName);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{16}$/.test(existing)) return existing;
  } catch {
    // No id yet: made below.
  }
  const made = randomBytes(8).toString('hex');
  try {
    // Exclusive: of two processes making it at once, one writes and both read that one.
    writeFileSync(file, `${made}\n`, { flag: 'wx' });
    return made;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
