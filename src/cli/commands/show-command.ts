import { Command } from 'commander';
import { NotFoundError } from '../../errors/not-found-error.ts';
import { describeTranscript } from '../../transcript/describe-transcript.ts';
import { rowTranscript } from '../../transcript/row-transcript.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openExistingStore } from '../open-cli-store.ts';

/** `swarm show TABLE ROW`: one row, with the transcript of its agent loops. */
export function showCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('show')
    .description("show one row: its columns, and each agent loop that worked on it, step by step (model answers, tool calls and their results)")
    .argument('<table>', 'table id')
    .argument('<row>', 'row id')
    .option('--json', 'print it as JSON (whole tool outputs, as recorded)')
    .addHelpText('after', '\nExample:\n  swarm show src-3f9a 12\n')
    .action(async (tableId: string, rowId: string, flags: { json?: boolean }, command: Command) => {
      const store = openExistingStore(io, command);
      if (store === undefined) throw new NotFoundError('table', tableId, 'The store has no tables yet; create one first');
      try {
        const transcript = rowTranscript(store, tableId, rowId);
        io.stdout.write(flags.json ? `${JSON.stringify(transcript)}\n` : describeTranscript(transcript));
        setExitCode(exitCodes.ok);
      } finally {
        store.close();
      }
    });
}
