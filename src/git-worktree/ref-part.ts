import { createHash } from 'node:crypto';

/**
 * `value` as one part of a git ref name (and a folder name): characters git does not allow, or
 * that would make a row id two parts (`/`), become `-`; when anything had to change, a short hash
 * of `value` is added so that two ids never make the same name.
 */
export function refPart(value: string): string {
  const cleaned = value
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+/, '')
    .replace(/\.+$/, '')
    .replace(/\.lock$/i, '-lock');
  if (cleaned === value && cleaned !== '') return cleaned;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return cleaned === '' ? hash : `${cleaned}-${hash}`;
}

/** The branch a row's worktree is on: `swarm/<table>/<row>`. */
export function rowBranchName(tableId: string, rowId: string): string {
  return `swarm/${refPart(tableId)}/${refPart(rowId)}`;
}
