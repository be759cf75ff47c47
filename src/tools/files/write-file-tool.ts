import fs from 'node:fs/promises';
import { tool } from 'ai';
import { z } from 'zod';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { confinePath } from './confine-path.ts';
import { createConfinedFile } from './create-confined-file.ts';
import { openConfinedFile } from './open-confined-file.ts';
import { replaceFileContent } from './replace-file-content.ts';

/** `write_file`: creates or replaces a text file inside the root, with the folders above it. */
export function writeFileTool(settings: PreparedToolSettings) {
  return tool({
    description:
      'Write a text file inside the working folder: creates it (and any missing folders above it) or replaces its whole content. ' +
      'To change part of an existing file, prefer edit_file.',
    inputSchema: z.object({
      path: z.string().describe('The file to write, relative to the working folder'),
      content: z.string().describe('The complete new content of the file'),
    }),
    execute: ({ path, content }) => writeFile(settings, path, content),
  });
}

async function writeFile(settings: PreparedToolSettings, requested: string, content: string): Promise<string> {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > settings.maxFileBytes) throw new ToolRefusedError('too-large', `refused: the content is ${bytes} bytes, over the ${settings.maxFileBytes}-byte limit for files`);
  const file = await confinePath(settings, requested, { allowMissing: true });
  if (file.exists && (await fs.stat(file.real)).isDirectory()) throw new ToolFailedError(`${file.shown} is a folder; give a file path`);
  const handle = file.exists ? await openConfinedFile(settings, file, 'overwrite') : await createConfinedFile(settings, file);
  try {
    await replaceFileContent(handle, content);
  } finally {
    await handle.close();
  }
  return `${file.exists ? 'replaced' : 'created'} ${file.shown} (${bytes} bytes)`;
}
