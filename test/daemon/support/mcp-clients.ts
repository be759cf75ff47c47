import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { repositoryRoot } from '../../support/run-cli.ts';

/** The official SDK client on `swarm mcp`, started in `cwd` (its store is .swarm there); closed when the test ends. */
export async function stdioClient(cwd: string, env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'swarm-test', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(repositoryRoot, 'bin/swarm.ts'), 'mcp'],
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SWARM_MODEL: '', ...env },
    stderr: 'pipe',
  });
  await client.connect(transport);
  onTestFinished(() => client.close());
  return client;
}

/** The official SDK client on a daemon's /mcp, with its token; closed when the test ends. */
export async function httpClient(port: number, token: string): Promise<Client> {
  const client = new Client({ name: 'swarm-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  onTestFinished(() => client.close());
  return client;
}
