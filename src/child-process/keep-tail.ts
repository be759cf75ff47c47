import type { OutputCollector } from './output-collector.ts';

/** Keeps the last `maxBytes` of a stream. */
export function keepTail(maxBytes: number): OutputCollector {
  let chunks: Buffer[] = [];
  let bytes = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      bytes += chunk.length;
      while (chunks.length > 1 && bytes - chunks[0]!.length >= maxBytes) bytes -= chunks.shift()!.length;
      return true;
    },
    text() {
      const all = Buffer.concat(chunks);
      chunks = [all];
      return all.subarray(Math.max(0, all.length - maxBytes)).toString('utf8');
    },
  };
}
