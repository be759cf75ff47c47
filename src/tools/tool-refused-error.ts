import { SwarmError } from '../errors/swarm-error.ts';

/** Why a tool call was refused; stable, for code that counts or records refusals. */
export type RefusalReason =
  | 'invalid-path' // a null byte, a pattern reaching up with `..`
  | 'outside-root' // `..` or an absolute path leading outside the root, a symbolic link leading outside, nowhere or in a loop
  | 'system-folder' // /proc, /sys, /dev
  | 'special-file' // FIFO, socket, device
  | 'hard-link' // a file with more than one hard link
  | 'too-large' // over the size limit
  | 'binary' // a binary file given to a text tool
  | 'changed' // the path changed between its check and its use
  | 'shell-syntax' // shell operators or expansions in a command
  | 'program-not-allowed' // a program not on the shell allowlist
  | 'url-not-allowed'; // a scheme other than http(s), or a private address

/**
 * A tool call the policy does not allow. The message is written for the model, which sees it as
 * the tool's error; it never carries file content from outside the root nor environment values.
 */
export class ToolRefusedError extends SwarmError {
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason, message: string) {
    super('ToolRefusedError', message);
    this.reason = reason;
  }

  static isInstance(error: unknown): error is ToolRefusedError {
    return SwarmError.isInstance(error) && error.name === 'ToolRefusedError';
  }
}
