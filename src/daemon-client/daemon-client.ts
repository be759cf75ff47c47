import type { DaemonInfo } from '../daemon/daemon-file.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { fromWireError, internalErrorName, type WireError } from '../wire-error/wire-error.ts';
import { DaemonUnreachableError } from './daemon-unreachable-error.ts';

/** Requests to a running daemon, with its token. */
export interface DaemonClient {
  readonly daemon: DaemonInfo;
  /**
   * Sends a request and returns the response when its status is 2xx; an error response is thrown
   * as the error the daemon raised (same name and message), a refused connection as
   * DaemonUnreachableError.
   */
  request(method: 'GET' | 'POST', path: string, options?: { json?: unknown; signal?: AbortSignal; headers?: Record<string, string> }): Promise<Response>;
}

/** A client of the daemon `daemon.json` describes. */
export function createDaemonClient(daemon: DaemonInfo): DaemonClient {
  return {
    daemon,
    async request(method, path, { json, signal, headers = {} } = {}) {
      let response: Response;
      try {
        response = await fetch(`http://127.0.0.1:${daemon.port}${path}`, {
          method,
          signal,
          headers: { authorization: `Bearer ${daemon.token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: json === undefined ? undefined : JSON.stringify(json),
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new DaemonUnreachableError(daemon.port, daemon.pid, error);
      }
      if (response.ok) return response;
      const parsed = parseUntrustedJson(await response.text());
      const error = parsed.ok ? (parsed.value as { error?: WireError }).error : undefined;
      throw fromWireError(error ?? { name: internalErrorName, message: `the daemon answered ${method} ${path} with HTTP ${response.status}` });
    },
  };
}
