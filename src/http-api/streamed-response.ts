/** One piece of a streamed response: a JSON value, and for server-sent events its id. */
export interface StreamItem {
  value: unknown;
  id?: number;
}

/**
 * A streamed response: NDJSON (one JSON value per line) or server-sent events (`id:` and
 * `data:`), written as `items` yields them, at the client's pace. When the client goes away,
 * `items` is stopped through its signal and `onCancel` is called.
 */
export function streamedResponse(
  items: (signal: AbortSignal) => AsyncGenerator<StreamItem>,
  { format, headers = {}, onCancel }: { format: 'ndjson' | 'sse'; headers?: Record<string, string>; onCancel?: () => void },
): Response {
  const encoder = new TextEncoder();
  const controller = new AbortController();
  const iterator = items(controller.signal);
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      const next = await iterator.next();
      if (next.done) {
        stream.close();
        return;
      }
      const { value, id } = next.value;
      const json = JSON.stringify(value);
      stream.enqueue(encoder.encode(format === 'ndjson' ? `${json}\n` : `${id === undefined ? '' : `id: ${id}\n`}data: ${json}\n\n`));
    },
    async cancel() {
      controller.abort();
      onCancel?.();
      await iterator.return(undefined);
    },
  });
  const contentType = format === 'ndjson' ? 'application/x-ndjson; charset=utf-8' : 'text/event-stream; charset=utf-8';
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store', ...headers } });
}
