import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import type { Hono } from 'hono';
import { createHttpApp } from '../../../src/http-api/create-http-app.ts';
import { createMcpHttpHandler } from '../../../src/mcp-server/mcp-http-handler.ts';
import { createRunManager } from '../../../src/runs/create-run-manager.ts';
import { runKinds } from '../../../src/runs/run-kinds.ts';
import type { RunManager } from '../../../src/runs/run-manager.ts';
import { runsStatus } from '../../../src/runs/runs-status.ts';
import type { Swarm } from '../../../src/index.ts';

/** The daemon's HTTP API served from this process on a free loopback port, for one test. */
export interface InProcessDaemon {
  app: Hono;
  runs: RunManager;
  port: number;
  token: string;
  /** fetch on the API with the token. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Serves `swarm`'s API on 127.0.0.1 (closed when the test ends). */
export async function serveInProcess(swarm: Swarm, { maxBodyBytes }: { maxBodyBytes?: number } = {}): Promise<InProcessDaemon> {
  const runs = createRunManager({ context: swarm.context, kinds: runKinds });
  const token = 'a'.repeat(64);
  let port = 0;
  const status = () => ({ pid: process.pid, ...runsStatus(swarm.context, runs) });
  const mcp = createMcpHttpHandler({ swarm, runs, status }, { version: 'test' });
  const app = createHttpApp({ services: { swarm, runs, status, mcp }, token, port: () => port, maxBodyBytes, version: 'test' });
  const server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
  });
  port = (server.address() as AddressInfo).port;
  onTestFinished(async () => {
    await runs.stop({ timeoutMs: 2_000 });
    await new Promise<void>((resolve) => {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      server.close(() => resolve());
    });
  });
  return {
    app,
    runs,
    port,
    token,
    call: (method, path, body) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}
