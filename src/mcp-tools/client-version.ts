import { readFileSync } from 'node:fs';

let version: string | undefined;

/** Swarm's version, from its package.json, as the MCP client reports it to servers. */
export function clientVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
