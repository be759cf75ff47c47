import { readNdjson } from '../../../src/daemon-client/read-ndjson.ts';

/** Every line of an NDJSON response, read to its end. */
export async function ndjsonLines(response: Response): Promise<Record<string, unknown>[]> {
  const read: Record<string, unknown>[] = [];
  for await (const line of readNdjson(response.body)) read.push(line);
  return read;
}
