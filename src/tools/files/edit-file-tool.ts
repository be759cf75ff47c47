import { tool } from 'ai';
import { z } from 'zod';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { confinePath } from './confine-path.ts';
import { openConfinedFile } from './open-confined-file.ts';
import { readConfinedText } from './read-confined-text.ts';
import { replaceFileContent } from './replace-file-content.ts';

/** `edit_file`: replaces an exact string in a text file inside the root. */
export function editFileTool(settings: PreparedToolSettings) {
  return tool({
    description:
      'Edit a text file inside the working folder by replacing an exact string. old_string must match the file exactly, ' +
      'whitespace and indentation included, and appear exactly once (include surrounding lines to make it unique) ' +
      'unless replace_all is true, which replaces every occurrence. Read the file first.',
    inputSchema: z.object({
      path: z.string().describe('The file to edit, relative to the working folder'),
      old_string: z.string().describe('The exact text to replace'),
      new_string: z.string().describe('The text to put in its place'),
      replace_all: z.boolean().optional().describe('Replace every occurrence instead of exactly one (default false)'),
    }),
    execute: ({ path, old_string, new_string, replace_all }) => editFile(settings, { requested: path, oldString: old_string, newString: new_string, replaceAll: replace_all ?? false }),
  });
}

async function editFile(settings: PreparedToolSettings, { requested, oldString, newString, replaceAll }: { requested: string; oldString: string; newString: string; replaceAll: boolean }): Promise<string> {
  if (oldString === '') throw new ToolFailedError('old_string is empty; to write a whole file use write_file');
  if (oldString === newString) throw new ToolFailedError('old_string and new_string are the same; nothing would change');
  const file = await confinePath(settings, requested);
  const handle = await openConfinedFile(settings, file, 'edit');
  try {
    const text = await readConfinedText(settings, handle, file.shown);
    const parts = text.split(oldString);
    const occurrences = parts.length - 1;
    if (occurrences === 0) throw new ToolFailedError(`old_string was not found in ${file.shown}; it must match exactly, whitespace and indentation included`);
    if (occurrences > 1 && !replaceAll) {
      throw new ToolFailedError(`old_string appears ${occurrences} times in ${file.shown}; include more surrounding text to make it unique, or set replace_all to replace every one`);
    }
    // Joined by hand rather than String.replace, which would read `$&` and the like in new_string.
    const edited = replaceAll ? parts.join(newString) : parts[0] + newString + parts.slice(1).join(oldString);
    const bytes = Buffer.byteLength(edited, 'utf8');
    if (bytes > settings.maxFileBytes) throw new ToolRefusedError('too-large', `refused: the edited file would be ${bytes} bytes, over the ${settings.maxFileBytes}-byte limit for files`);
    await replaceFileContent(handle, edited);
    return `replaced ${occurrences === 1 ? '1 occurrence' : `${occurrences} occurrences`} in ${file.shown}`;
  } finally {
    await handle.close();
  }
}
