/**
 * `count` review rows `{ id, text }` numbered from `first`, each text different so no two prompts
 * are alike (and no answer comes from Swarm's response cache).
 */
export function reviewTasks(count: number, { first = 0 }: { first?: number } = {}): Array<{ id: string; text: string }> {
  const verdicts = ['works better than expected', 'broke within a week', 'is fine, nothing special', 'has a battery that lasts for days'];
  return Array.from({ length: count }, (_, offset) => {
    const index = first + offset;
    return { id: `r${index}`, text: `Review #${index}: it ${verdicts[index % verdicts.length]}.` };
  });
}
