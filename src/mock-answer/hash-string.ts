import { mixHash } from './mix-hash.ts';

/** A well-mixed unsigned 32-bit hash of `text` (FNV-1a, then finalised), varied by `seed`. */
export function hashString(text: string, seed = 0): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return mixHash(hash, text.length);
}
