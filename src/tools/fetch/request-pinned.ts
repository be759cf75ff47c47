import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './resolve-checked-addresses.ts';

/** One HTTP response, its body cut at `maxBytes`. */
export interface PinnedResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body went on past `maxBytes`; the rest was not read. */
  truncated: boolean;
}

/**
 * GETs `url` connecting only to `addresses`, which were checked: the request's own lookup answers
 * with them, so a DNS answer that changes between the check and the connection (rebinding) is
 * never used. The host name still goes in the Host header and in TLS (SNI, certificate check).
 */
export function requestPinned(url: URL, addresses: ResolvedAddress[], { maxBytes, signal }: { maxBytes: number; signal: AbortSignal }): Promise<PinnedResponse> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'GET',
        lookup,
        signal,
        // A fresh agent: no pooled connection to another address, and no proxy from the environment.
        agent: false,
        headers: { 'user-agent': 'Swarm fetch_url', accept: 'text/html, text/plain, application/json, */*;q=0.5', 'accept-encoding': 'identity' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        let truncated = false;
        const end = () =>
          resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks, length), truncated });
        response.on('data', (chunk: Buffer) => {
          const piece = chunk.subarray(0, maxBytes - length);
          chunks.push(piece);
          length += piece.length;
          if (piece.length < chunk.length) {
            truncated = true;
            response.destroy();
            end();
          }
        });
        response.on('end', end);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}
