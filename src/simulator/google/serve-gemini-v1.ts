import type { MiddlewareHandler } from 'hono';

const stablePath = /^(\/upload|\/download)?\/v1\//;

/**
 * Middleware serving, through `app`, Gemini's stable version (`/v1/…`, `/upload/v1/…`, `/download/v1/…`: what
 * `@google/genai` calls by default) as its `/v1beta/…` twin, which the simulator's Gemini routes
 * answer: the two versions are the same here. Those `/v1` paths overlap OpenAI's (`/v1/files/{id}`,
 * `/v1/batches/{id}`), so only a request carrying a Gemini key (`x-goog-api-key` or `?key=`) is
 * taken for Gemini's.
 */
export function serveGeminiV1(app: { fetch(request: Request, env: unknown): Response | Promise<Response> }): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const gemini = c.req.header('x-goog-api-key') !== undefined || url.searchParams.has('key');
    if (!gemini || !stablePath.test(url.pathname)) return next();
    url.pathname = url.pathname.replace(stablePath, (_, prefix: string | undefined) => `${prefix ?? ''}/v1beta/`);
    const { raw } = c.req;
    return app.fetch(new Request(url, { method: raw.method, headers: raw.headers, body: raw.body, signal: raw.signal, duplex: 'half' } as RequestInit), c.env);
  };
}
