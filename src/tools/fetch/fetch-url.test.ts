// fetch_url against real HTTP servers on loopback. Loopback is private, so the tests that need a
// "public" first hop bind a server to 127.0.0.2 and tell `fetchUrl` (not the product path's checks)
// to count that one address as public; everything else, 127.0.0.1 included, stays refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { ToolSet } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltInTools } from '../create-built-in-tools.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import type { FetchSettings } from '../tool-settings.ts';
import { fetchUrl, type FetchUrlOptions } from './fetch-url.ts';
import { isPublicAddress } from './is-public-address.ts';

interface TestServer {
  port: number;
  hits: string[];
}

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server on `host` answering with `handle`, recording each request's path. */
async function serve(host: string, handle: (request: http.IncomingMessage, response: http.ServerResponse) => void, port = 0): Promise<TestServer> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    handle(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { port: (server.address() as AddressInfo).port, hits };
}

function fetchTool(fetch: FetchSettings = {}): ToolSet[string] {
  return createBuiltInTools(['fetch_url'], { root: os.tmpdir(), fetch }).fetch_url!;
}

function callFetch(tool: ToolSet[string], url: string): Promise<string> {
  return Promise.resolve(tool.execute!({ url } as never, { toolCallId: 'call-1', messages: [], context: {} })) as Promise<string>;
}

async function rejection(run: Promise<unknown>): Promise<Error> {
  return run.then(
    (output) => {
      throw new Error(`expected a refusal, got ${String(output)}`);
    },
    (error: Error) => error,
  );
}

// 127.0.0.2 plays a public address; 127.0.0.1 and every other private address stay refused.
const pretendPublic: Pick<FetchUrlOptions, 'isAllowedAddress'> = { isAllowedAddress: (address) => address === '127.0.0.2' || isPublicAddress(address) };
const limits = { allowPrivateAddresses: false, maxBytes: 1_000_000, timeoutMs: 5000 };

describe('fetch_url', () => {
  it('fetches from a loopback server when private addresses are allowed', async () => {
    const server = await serve('127.0.0.1', (_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end('<h1>Hello</h1>');
    });
    const output = await callFetch(fetchTool({ allowPrivateAddresses: true }), `http://127.0.0.1:${server.port}/page`);
    expect(output).toBe(`URL: http://127.0.0.1:${server.port}/page\nStatus: 200 OK\nContent-Type: text/html; charset=utf-8\n\n<h1>Hello</h1>`);
  });

  it('refuses loopback, private, link-local and mapped addresses by default, without connecting', async () => {
    const server = await serve('127.0.0.1', (_request, response) => response.end('secret'));
    const tool = fetchTool();
    for (const url of [
      `http://127.0.0.1:${server.port}/`,
      `http://localhost:${server.port}/`,
      `http://[::1]:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
      `http://2130706433:${server.port}/`,
      `http://0x7f.0.0.1:${server.port}/`,
      `http://127.1:${server.port}/`,
      `http://0.0.0.0:${server.port}/`,
      'http://10.0.0.1/',
      'http://192.168.0.1/',
      'http://172.16.0.1/',
      'http://100.64.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'https://[::]/',
    ]) {
      const error = await rejection(callFetch(tool, url));
      expect(ToolRefusedError.isInstance(error), `${url}: ${error.message}`).toBe(true);
      expect((error as ToolRefusedError).reason).toBe('url-not-allowed');
      expect(error.message).toMatch(/^refused: ".*" is \(or resolves to\) .*, a loopback, private, link-local or reserved address$/);
    }
    expect(server.hits).toEqual([]);
  });

  it('refuses every scheme but http and https', async () => {
    const tool = fetchTool({ allowPrivateAddresses: true });
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'data:text/plain,hello', 'javascript:alert(1)', 'gopher://127.0.0.1:70/']) {
      const error = await rejection(callFetch(tool, url));
      expect(ToolRefusedError.isInstance(error) && error.reason, url).toBe('url-not-allowed');
      expect(error.message).toMatch(/^refused: only http and https URLs can be fetched, not /);
    }
    expect((await rejection(callFetch(tool, 'not a url'))).message).toBe('not a valid URL: "not a url"');
  });

  it('keeps maxBytes of a body and says it was cut', async () => {
    const server = await serve('127.0.0.1', (_request, response) => {
      response.setHeader('content-type', 'text/plain');
      response.end('x'.repeat(50_000));
    });
    const output = await callFetch(fetchTool({ allowPrivateAddresses: true, maxBytes: 1000 }), `http://127.0.0.1:${server.port}/`);
    expect(output).toBe(`URL: http://127.0.0.1:${server.port}/\nStatus: 200 OK\nContent-Type: text/plain\n[body cut at 1000 bytes; the rest was not fetched]\n\n${'x'.repeat(1000)}`);
  });

  it('stops at the time limit', async () => {
    const server = await serve('127.0.0.1', () => {
      // Never answers.
    });
    const started = performance.now();
    const error = await rejection(callFetch(fetchTool({ allowPrivateAddresses: true, timeoutMs: 300 }), `http://127.0.0.1:${server.port}/slow`));
    expect(ToolFailedError.isInstance(error)).toBe(true);
    expect(error.message).toBe(`fetching http://127.0.0.1:${server.port}/slow took more than 300 ms`);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('describes a binary body instead of showing it, and decodes a declared charset', async () => {
    const server = await serve('127.0.0.1', (request, response) => {
      if (request.url === '/image') {
        response.setHeader('content-type', 'image/png');
        response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
      } else {
        response.setHeader('content-type', 'text/plain; charset=iso-8859-1');
        response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      }
    });
    const tool = fetchTool({ allowPrivateAddresses: true });
    expect(await callFetch(tool, `http://127.0.0.1:${server.port}/image`)).toMatch(/\n\n\[binary content, 6 bytes: not shown\]$/);
    expect(await callFetch(tool, `http://127.0.0.1:${server.port}/latin1`)).toMatch(/\n\ncafé$/);
  });
});

describe('fetchUrl redirects and resolution', () => {
  it('follows redirects, checking each hop', async () => {
    const server = await serve('127.0.0.2', (request, response) => {
      if (request.url === '/start') response.writeHead(302, { location: '/middle' }).end();
      else if (request.url === '/middle') response.writeHead(301, { location: `http://127.0.0.2:${(request.socket.address() as AddressInfo).port}/end` }).end();
      else response.end('arrived');
    });
    const page = await fetchUrl(`http://127.0.0.2:${server.port}/start`, { ...limits, ...pretendPublic });
    expect(page.body.toString()).toBe('arrived');
    expect(page.redirectedFrom).toEqual([`http://127.0.0.2:${server.port}/start`, `http://127.0.0.2:${server.port}/middle`]);
  });

  it('refuses a redirect from an allowed address to a private one, before connecting to it', async () => {
    const internal = await serve('127.0.0.1', (_request, response) => response.end('internal secret'));
    const entry = await serve('127.0.0.2', (request, response) => {
      const target = request.url === '/by-address' ? `http://127.0.0.1:${internal.port}/secret` : `http://internal.example:${internal.port}/secret`;
      response.writeHead(302, { location: target }).end();
    });
    const lookupHost = async (host: string) => [{ address: host === 'public.example' ? '127.0.0.2' : '127.0.0.1', family: 4 }];
    for (const path of ['/by-address', '/by-name']) {
      const error = await rejection(fetchUrl(`http://public.example:${entry.port}${path}`, { ...limits, ...pretendPublic, lookupHost }));
      expect(ToolRefusedError.isInstance(error), error.message).toBe(true);
      expect(error.message).toMatch(/is \(or resolves to\) 127\.0\.0\.1/);
    }
    expect(entry.hits).toEqual(['/by-address', '/by-name']);
    expect(internal.hits).toEqual([]);
  });

  it('refuses a host when any of its addresses is private', async () => {
    const lookupHost = async () => [{ address: '127.0.0.2', family: 4 }, { address: '10.0.0.1', family: 4 }];
    const error = await rejection(fetchUrl('http://mixed.example/', { ...limits, ...pretendPublic, lookupHost }));
    expect(error.message).toBe('refused: "mixed.example" is (or resolves to) 10.0.0.1, a loopback, private, link-local or reserved address');
  });

  it('connects to the address it checked, so a second DNS answer (rebinding) is never used', async () => {
    const checked = await serve('127.0.0.2', (_request, response) => response.end('the checked address'));
    const rebound = await serve('127.0.0.1', (_request, response) => response.end('the rebound address'), checked.port);
    let lookups = 0;
    const lookupHost = async () => [{ address: lookups++ === 0 ? '127.0.0.2' : '127.0.0.1', family: 4 }];
    const page = await fetchUrl(`http://rebind.example:${checked.port}/`, { ...limits, ...pretendPublic, lookupHost });
    expect(page.body.toString()).toBe('the checked address');
    expect(lookups).toBe(1);
    expect(rebound.hits).toEqual([]);
  });

  it('stops after 5 redirects', async () => {
    const server = await serve('127.0.0.2', (request, response) => response.writeHead(302, { location: `/hop${Number(request.url!.slice(4) || 0) + 1}` }).end());
    const error = await rejection(fetchUrl(`http://127.0.0.2:${server.port}/hop0`, { ...limits, ...pretendPublic }));
    expect(error.message).toBe('more than 5 redirects, the last to /hop6');
    expect(server.hits).toHaveLength(6);
  });
});
