import { tool } from 'ai';
import { z } from 'zod';
import { maxToolOutputCharacters } from '../cap-tool-output.ts';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { confinePath } from './confine-path.ts';
import { openConfinedFile } from './open-confined-file.ts';
import { readConfinedText } from './read-confined-text.ts';

const defaultLineLimit = 2000;
const maxLineCharacters = 2000;
// Room kept under the output cap for the closing note.
const noteReserve = 200;

/** `read_file`: a text file's lines, numbered, from `offset` (1-based) for `limit` lines. */
export function readFileTool(settings: PreparedToolSettings) {
  return tool({
    description:
      'Read a text file inside the working folder. Returns its lines numbered like `cat -n` (number, tab, line). ' +
      `Reads up to ${defaultLineLimit} lines from the start unless you give offset (first line, 1-based) and limit (number of lines); ` +
      'a note at the end says how to read on when more is left. Paths are relative to the working folder.',
    inputSchema: z.object({
      path: z.string().describe('The file to read, relative to the working folder'),
      offset: z.number().int().min(1).optional().describe('The first line to read, 1-based (default 1)'),
      limit: z.number().int().min(1).optional().describe(`How many lines to read (default ${defaultLineLimit})`),
    }),
    execute: ({ path, offset, limit }) => readFileLines(settings, path, { offset, limit }),
  });
}

/** The numbered lines `read_file` answers with, cut to the tool output cap at a line boundary. */
async function readFileLines(settings: PreparedToolSettings, requested: string, { offset = 1, limit = defaultLineLimit }: { offset?: number; limit?: number }): Promise<string> {
  const file = await confinePath(settings, requested);
  const handle = await openConfinedFile(settings, file, 'read');
  let text: string;
  try {
    text = await readConfinedText(settings, handle, file.shown);
  } finally {
    await handle.close();
  }
  if (text === '') return `(${file.shown} is empty)`;
  const lines = text.split(/\r?\n/);
  if (text.endsWith('\n')) lines.pop();
  if (offset > lines.length) throw new ToolFailedError(`offset ${offset} is past the end of ${file.shown}, which has ${lines.length} lines`);
  const last = Math.min(lines.length, offset + limit - 1);
  let output = '';
  let shownUpTo = offset - 1;
  for (let number = offset; number <= last; number++) {
    const line = lines[number - 1]!;
    const cut = line.length > maxLineCharacters ? `${line.slice(0, maxLineCharacters)} [line cut: ${line.length} characters]` : line;
    const numbered = `${String(number).padStart(6)}\t${cut}\n`;
    if (output.length + numbered.length > maxToolOutputCharacters - noteReserve) break;
    output += numbered;
    shownUpTo = number;
  }
  if (shownUpTo < lines.length) {
    output += `[lines ${offset}-${shownUpTo} of ${lines.length} shown; read on with offset=${shownUpTo + 1}]\n`;
  }
  return output;
}
