/** `id` (its first 60 characters), or `id-2`, `id-3`… : the first not taken. */
export function freeId(id: string, taken: ReadonlySet<string>): string {
  const base = id.slice(0, 60);
  if (!taken.has(base)) return base;
  let number = 2;
  while (taken.has(`${base}-${number}`)) number++;
  return `${base}-${number}`;
}
