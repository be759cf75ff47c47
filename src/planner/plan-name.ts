/** A plan's name from its goal: its first words in kebab case, at most 48 characters. */
export function planName(goal: string): string {
  const words = goal
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  let name = '';
  for (const word of words) {
    const next = name === '' ? word : `${name}-${word}`;
    if (next.length > 48) break;
    name = next;
  }
  return name === '' ? (words[0]?.slice(0, 48) ?? 'plan') : name;
}
