import { SwarmError } from '../errors/swarm-error.ts';

/** The daemon stopped while it ran this command's work: that work resumes when a daemon starts again. */
export class DaemonStoppedError extends SwarmError {
  constructor(what: string) {
    super('DaemonStoppedError', `the daemon stopped before ${what} ended; it resumes when the daemon starts again (swarm start), or run the command again`);
  }

  static isInstance(error: unknown): error is DaemonStoppedError {
    return SwarmError.isInstance(error) && error.name === 'DaemonStoppedError';
  }
}
