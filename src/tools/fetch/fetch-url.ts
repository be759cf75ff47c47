import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { isPublicAddress } from './is-public-address.ts';
import { requestPinned, type PinnedResponse } from './request-pinned.ts';
import { resolveCheckedAddresses, systemLookup, type LookupHost } from './resolve-checked-addresses.ts';

/** The last response of a fetch, after any redirects, and the URL it came from. */
export interface FetchedPage extends PinnedResponse {
  url: string;
  /** The URLs that redirected here, in order. */
  redirectedFrom: string[];
}

/** How `fetchUrl` reaches out; `lookupHost` and `isAllowedAddress` exist for tests. */
export interface FetchUrlOptions {
  allowPrivateAddresses: boolean;
  maxBytes: number;
  timeoutMs: number;
  abortSignal?: AbortSignal;
  lookupHost?: LookupHost;
  isAllowedAddress?: (address: string) => boolean;
}

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * GETs an http(s) URL. Each hop's host is resolved and every address checked before connecting to
 * exactly those addresses; redirects are followed by hand (at most 5), each one checked again, so
 * a public URL cannot send the fetch to a private address. The whole fetch shares one time limit.
 */
export async function fetchUrl(requested: string, {
  allowPrivateAddresses,
  maxBytes,
  timeoutMs,
  abortSignal,
  lookupHost = systemLookup,
  isAllowedAddress = (address) => allowPrivateAddresses || isPublicAddress(address),
}: FetchUrlOptions): Promise<FetchedPage> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = abortSignal === undefined ? timeout : AbortSignal.any([abortSignal, timeout]);
  const redirectedFrom: string[] = [];
  let url = parseHttpUrl(requested);
  for (;;) {
    try {
      const addresses = await resolveCheckedAddresses(url, { lookupHost, isAllowedAddress });
      signal.throwIfAborted();
      const response = await requestPinned(url, addresses, { maxBytes, signal });
      const location = response.headers.location;
      if (!redirectStatuses.has(response.status) || location === undefined) return { ...response, url: url.href, redirectedFrom };
      if (redirectedFrom.length === maxRedirects) throw new ToolFailedError(`more than ${maxRedirects} redirects, the last to ${location}`);
      redirectedFrom.push(url.href);
      url = parseHttpUrl(new URL(location, url).href);
    } catch (error) {
      if (timeout.aborted) throw new ToolFailedError(`fetching ${url.href} took more than ${timeoutMs} ms`);
      if (abortSignal?.aborted) throw abortSignal.reason;
      if (ToolRefusedError.isInstance(error) || ToolFailedError.isInstance(error)) throw error;
      throw new ToolFailedError(`fetching ${url.href} failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ToolFailedError(`not a valid URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolRefusedError('url-not-allowed', `refused: only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}`);
  }
  return url;
}
