import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';

/** The JSON values of an NDJSON response body, one per line, as they arrive. */
export async function* readNdjson(body: AsyncIterable<Uint8Array> | null): AsyncGenerator<Record<string, unknown>> {
  if (body === null) return;
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() === '') continue;
      const parsed = parseUntrustedJson(line);
      if (!parsed.ok) throw new Error(`the daemon sent a line that is not JSON: ${parsed.error}`);
      yield parsed.value as Record<string, unknown>;
    }
  }
}
