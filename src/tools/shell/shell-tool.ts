import path from 'node:path';
import { tool } from 'ai';
import { z } from 'zod';
import { capText, maxToolOutputCharacters } from '../cap-tool-output.ts';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { childEnvironment } from './child-environment.ts';
import { parseCommandLine } from './parse-command-line.ts';
import { runProgram } from './run-program.ts';

type ShellSettings = NonNullable<PreparedToolSettings['shell']>;

// stderr's share of the output cap; stdout, usually what was asked for, gets the rest.
const maxStderrCharacters = 8000;

/** `shell`: runs one allowed program with arguments in the root, without a shell. */
export function shellTool(settings: PreparedToolSettings, shell: ShellSettings) {
  const anyProgram = shell.allow.includes('*');
  return tool({
    description:
      'Run one program with arguments in the working folder and get its exit code, stdout and stderr. ' +
      (anyProgram ? 'Any program on the PATH may be run. ' : `Allowed programs: ${shell.allow.join(', ')}. `) +
      'There is no shell: quotes group arguments, but pipes, redirections, ";", "&&", variables ($X), command substitution and globs ' +
      `are not supported. Killed after ${shell.timeoutMs} ms; stdin is empty.`,
    inputSchema: z.object({
      command: z.string().describe('The program and its arguments, e.g. git log -n 5 --oneline'),
    }),
    execute: async ({ command }, { abortSignal }) => {
      const [program, ...args] = parseCommandLine(command);
      refuseUnlessAllowed(program!, shell.allow);
      const run = await runProgram({
        program: program!,
        args,
        cwd: settings.root,
        environment: childEnvironment(settings.environment),
        timeoutMs: shell.timeoutMs,
        maxOutputBytes: shell.maxOutputBytes,
        abortSignal,
      });
      const stderr = capText(run.stderr, { maxCharacters: maxStderrCharacters });
      return {
        exit_code: run.exitCode,
        ...(run.signal === null ? {} : { signal: run.signal }),
        ...(run.timedOut ? { timed_out: `killed after ${shell.timeoutMs} ms` } : {}),
        stdout: capText(run.stdout, { maxCharacters: maxToolOutputCharacters - stderr.length - 200 }),
        stderr,
      };
    },
  });
}

function refuseUnlessAllowed(program: string, allow: string[]): void {
  if (allow.includes('*')) return;
  // A path could name any file called like an allowed program, one the agent wrote itself included.
  if (program.includes(path.sep) || program.includes('/')) {
    throw new ToolRefusedError('program-not-allowed', `refused: run programs by name, not by path (${JSON.stringify(program)}); allowed: ${allow.join(', ') || 'none'}`);
  }
  if (!allow.includes(program)) throw new ToolRefusedError('program-not-allowed', `refused: ${JSON.stringify(program)} is not an allowed program; allowed: ${allow.join(', ') || 'none'}`);
}
