import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server speaking OpenAI chat completions that answers `{ label }` per row and counts requests. */
export interface CountingServer {
  url: string;
  /** Requests received per row id. */
  requestsByRow: Map<string, number>;
  /** Requests received in all. */
  received(): number;
  /** The user messages' text of every request, in the order received. */
  prompts: string[];
  close(): Promise<void>;
}

const rowTag = /<row id="([^"]*)"/g;

/**
 * Starts the server. Each request is answered after `latencyMs` with a chat completion whose
 * content is `{"label": "label-<row id>"}` (or a `results` array for batched prompts).
 */
export async function startCountingServer({ latencyMs = 20 }: { latencyMs?: number } = {}): Promise<CountingServer> {
  const requestsByRow = new Map<string, number>();
  const prompts: string[] = [];
  let received = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received++;
      const parsed = JSON.parse(body) as { messages: { role: string; content: string | { text: string }[] }[] };
      const userText = parsed.messages
        .filter((message) => message.role === 'user')
        .map((message) => (typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('')))
        .join('\n');
      prompts.push(userText);
      const ids = [...userText.matchAll(rowTag)].map((match) => match[1]!);
      for (const id of ids) requestsByRow.set(id, (requestsByRow.get(id) ?? 0) + 1);
      const answer =
        ids.length === 1 ? { label: `label-${ids[0]}` } : { results: ids.map((id) => ({ id, label: `label-${id}` })) };
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            id: `chatcmpl-${received}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: 'counting-model',
            choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer) }, finish_reason: 'stop' }],
            usage: { prompt_tokens: Math.ceil(body.length / 4), completion_tokens: 8, total_tokens: Math.ceil(body.length / 4) + 8 },
          }),
        );
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requestsByRow,
    prompts,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
