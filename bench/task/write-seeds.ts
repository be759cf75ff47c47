import { writeFile } from 'node:fs/promises';

const subjects = ['a lighthouse keeper', 'a retired cartographer', 'a city fox', 'a night-shift baker', 'an orbiting probe', 'a chess prodigy'];
const settings = ['during a storm', 'on the first day of spring', 'after the power fails', 'in a town with no clocks'];

/**
 * Writes `count` JSONL seeds `{ id, seed }` to `file`, every seed text different so no two
 * prompts are alike (and no answer comes from Swarm's response cache).
 */
export async function writeSeeds(file: string, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, index) => {
    const seed = `${subjects[index % subjects.length]} ${settings[index % settings.length]} (seed #${index})`;
    return `${JSON.stringify({ id: `seed-${index}`, seed })}\n`;
  });
  await writeFile(file, lines.join(''));
}
