import type { OutputCollector } from './output-collector.ts';

/**
 * Keeps the first `maxBytes` of a stream. `overCap: 'end'` ends the process group at the cap (and
 * takes nothing written once it is being ended); `'cut'` drains the rest, so the writer never
 * blocks, and says in the text how much was cut.
 */
export function keepHead(maxBytes: number, { overCap }: { overCap: 'end' | 'cut' }): OutputCollector {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  return {
    untilStop: overCap === 'end',
    push(chunk) {
      const piece = chunk.subarray(0, Math.max(0, maxBytes - kept));
      chunks.push(piece);
      kept += piece.length;
      dropped += chunk.length - piece.length;
      return overCap === 'cut' || dropped === 0;
    },
    text() {
      const text = Buffer.concat(chunks).toString('utf8');
      return overCap === 'cut' && dropped > 0 ? `${text}\n[cut at ${maxBytes} bytes; ${dropped} more bytes not kept]` : text;
    },
  };
}
