import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const openings = ['Bought this for my kitchen', 'Arrived two days late', 'Third one I have owned', 'A gift for my brother', 'Replaced an older model'];
const verdicts = ['and it works better than expected', 'but the lid cracked within a week', 'and it is fine, nothing special', 'and the battery lasts for days', 'but support never answered'];
const endings = ['Would buy again.', 'Returning it.', 'Three stars.', 'Recommended to friends.', 'Not worth the price.'];

/**
 * Writes `rows` JSONL lines `{"id":"r…","text":"…"}` (about 100 bytes each, varied text) to
 * `file`, streaming, so generating the input costs neither side memory.
 */
export async function writeReviewRows(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  for (let index = 0; index < rows; index++) {
    const text = `${openings[index % 5]} ${verdicts[Math.floor(index / 5) % 5]}. ${endings[Math.floor(index / 25) % 5]} (#${index})`;
    if (!out.write(`${JSON.stringify({ id: `r${index}`, text })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
