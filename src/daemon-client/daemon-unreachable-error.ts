import { SwarmError } from '../errors/swarm-error.ts';

/** The daemon named by daemon.json runs but does not answer. */
export class DaemonUnreachableError extends SwarmError {
  constructor(port: number, pid: number, cause: unknown) {
    super('DaemonUnreachableError', `the daemon (pid ${pid}) does not answer on 127.0.0.1:${port}: ${(cause as Error)?.message ?? String(cause)}; swarm restart starts it again`, { cause });
  }

  static isInstance(error: unknown): error is DaemonUnreachableError {
    return SwarmError.isInstance(error) && error.name === 'DaemonUnreachableError';
  }
}
