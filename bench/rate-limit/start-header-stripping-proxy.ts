import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy: its base URL (same path as the target's) and how to stop it. */
export interface HeaderStrippingProxy {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP proxy in front of `targetBaseUrl` that drops every `x-ratelimit-*`
 * response header, so an OpenAI-dialect client learns nothing of its limits until it is refused:
 * the "limits unknown" case. 429s keep their body and `retry-after`, as OpenAI-compatible servers
 * without limit headers send them. The simulator has no switch for this, and its Gemini dialect
 * (which sends no headers) refills in fixed one-minute windows, where any client that keeps
 * sending uses the whole window.
 */
export async function startHeaderStrippingProxy(targetBaseUrl: string): Promise<HeaderStrippingProxy> {
  const target = new URL(targetBaseUrl);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent },
      (answer) => {
        const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !name.startsWith('x-ratelimit-')));
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    // The client leaving ends its call at the simulator too, as it would without the proxy.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    async close() {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
