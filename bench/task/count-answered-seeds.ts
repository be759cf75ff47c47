import { readFile } from 'node:fs/promises';

/** Lines across JSONL output files, and how many different seed ids they answer. */
export async function countAnsweredSeeds(files: string[]): Promise<{ lines: number; distinctIds: number }> {
  const ids = new Set<unknown>();
  let lines = 0;
  for (const file of files) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (line === '') continue;
      lines++;
      ids.add((JSON.parse(line) as { id?: unknown }).id);
    }
  }
  return { lines, distinctIds: ids.size };
}
