import dns from 'node:dns';
import net from 'node:net';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';

/** An address a host name resolved to, as `dns.promises.lookup` gives it. */
export type ResolvedAddress = { address: string; family: number };

/** Resolves a host name to all its addresses. */
export type LookupHost = (host: string) => Promise<ResolvedAddress[]>;

/** The system resolver, every address, in the order it gives them. */
export const systemLookup: LookupHost = (host) => dns.promises.lookup(host, { all: true, order: 'verbatim' });

/**
 * The addresses of `url`'s host, every one of them allowed by `isAllowedAddress`; one that is not
 * refuses the whole URL, since a connection could reach any of them. An IP literal is its own address.
 */
export async function resolveCheckedAddresses(url: URL, { lookupHost, isAllowedAddress }: { lookupHost: LookupHost; isAllowedAddress: (address: string) => boolean }): Promise<ResolvedAddress[]> {
  // URL keeps IPv6 literals in brackets, and has already turned forms like 0x7f.1 or 2130706433 into 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  if (net.isIP(host) !== 0) {
    addresses = [{ address: host, family: net.isIP(host) }];
  } else {
    try {
      addresses = await lookupHost(host);
    } catch (error) {
      throw new ToolFailedError(`cannot resolve the host ${JSON.stringify(host)}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`);
    }
  }
  if (addresses.length === 0) throw new ToolFailedError(`the host ${JSON.stringify(host)} has no addresses`);
  const refused = addresses.find(({ address }) => !isAllowedAddress(address));
  if (refused !== undefined) {
    throw new ToolRefusedError('url-not-allowed', `refused: ${JSON.stringify(host)} is (or resolves to) ${refused.address}, a loopback, private, link-local or reserved address`);
  }
  return addresses;
}
