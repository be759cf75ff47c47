import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { createHttpApp } from '../http-api/create-http-app.ts';
import { createMcpHttpHandler } from '../mcp-server/mcp-http-handler.ts';
import { createRunManager } from '../runs/create-run-manager.ts';
import { runKinds } from '../runs/run-kinds.ts';
import { runsStatus } from '../runs/runs-status.ts';
import { openSwarm } from '../swarm/open-swarm.ts';
import { removeDaemonFile, writeDaemonFile } from './daemon-file.ts';
import type { DaemonStatus } from './daemon-status.ts';
import { findDaemon } from './find-daemon.ts';

/** Options of `serveDaemon`. */
export interface ServeDaemonOptions {
  /** The store folder. */
  dir: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Port on 127.0.0.1; 0 picks a free one (written to daemon.json). */
  port: number;
  /** Largest request body. Default 8 MiB. */
  maxBodyBytes?: number;
  /** How long a stop waits for runs to let go before it exits anyway. Default 10000. */
  stopTimeoutMs?: number;
  version: string;
  /** Receives the log lines. */
  log: (line: string) => void;
  /** Resolves when the daemon should stop (SIGTERM, SIGINT). */
  stopped: Promise<void>;
}

/**
 * Runs the daemon in this process until `stopped` resolves: opens the store, serves the HTTP API
 * (and MCP at /mcp) on 127.0.0.1, writes daemon.json once it listens, resumes the runs a daemon
 * that died left, and on stop aborts the runs under way (they resume on the next start), waits
 * for them to let go within `stopTimeoutMs`, and removes daemon.json.
 */
export async function serveDaemon({ dir, cwd, env, port, maxBodyBytes, stopTimeoutMs = 10_000, version, log, stopped }: ServeDaemonOptions): Promise<void> {
  const swarm = openSwarm({ dir, cwd, env });
  try {
    const running = findDaemon(swarm.dir);
    if (running !== undefined) throw new InvalidInputError(`a daemon already serves ${swarm.dir} (pid ${running.pid}, port ${running.port}); swarm stop ends it`);
    const runs = createRunManager({ context: swarm.context, kinds: runKinds, log });
    const token = randomBytes(32).toString('hex');
    const started = new Date().toISOString();
    let listeningPort = port;
    const status = (): DaemonStatus => ({ pid: process.pid, port: listeningPort, started, store: swarm.dir, cwd, version, ...runsStatus(swarm.context, runs) });
    const mcp = createMcpHttpHandler({ swarm, runs, status }, { version });
    const app = createHttpApp({ services: { swarm, runs, status, mcp }, token, port: () => listeningPort, maxBodyBytes, version, log });
    const server = await listen(app.fetch, port);
    listeningPort = (server.address() as AddressInfo).port;
    writeDaemonFile(swarm.dir, { pid: process.pid, port: listeningPort, token, started, cwd, version });
    log(`Swarm ${version} daemon listening on http://127.0.0.1:${listeningPort} (pid ${process.pid}, store ${swarm.dir})`);
    for (const run of runs.resumeAbandoned()) log(`resuming run ${run.id} (${run.kind})`);

    await stopped;
    log('stopping: runs under way are stopped and resume on the next start');
    removeDaemonFile(swarm.dir, process.pid);
    await runs.stop({ timeoutMs: stopTimeoutMs });
    await close(server);
    log('stopped');
  } finally {
    swarm.close();
  }
}

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new InvalidInputError(`port ${port} on 127.0.0.1 is in use; choose another with --port`) : error);
    });
  });
}

// Streams still open once the runs have ended (a client reading an idle stream) are cut after this.
const closeGraceMs = 1_000;

function close(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), closeGraceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
