/** Combines two 32-bit values into one well-mixed unsigned 32-bit hash (murmur3's finaliser). */
export function mixHash(hash: number, value: number): number {
  let mixed = (hash ^ Math.imul(value, 0x9e3779b1)) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}
