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

/** The daemon stopped while it ran this command's work: that work resumes when a daemon starts again. */
export class DaemonStoppedError extends SwarmError {
  constructor(what: string) {
    super('DaemonStoppedError', `the daemon stopped before ${what} ended; it resumes when the daemon starts again (swarm start), or run the command again`);
  }

  static isInstance(error: unknown): error is DaemonStoppedError {
    return SwarmError.isInstance(error) && error.name === 'DaemonStoppedError';
  }
}
