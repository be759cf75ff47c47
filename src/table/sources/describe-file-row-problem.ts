import { formatByteCount } from './format-byte-count.ts';
import { isBinaryFile } from './is-binary-file.ts';

/**
 * Says why a file cannot be a row's content ("binary file", "file is 3.2 MB, over the 1 MB limit; …"),
 * or returns undefined when it can. `size` comes from the caller's stat so the file is stat'ed once.
 */
export async function describeFileRowProblem(
  path: string,
  { size, maxFileBytes }: { size: number; maxFileBytes: number },
): Promise<string | undefined> {
  if (size > maxFileBytes) {
    return `file is ${formatByteCount(size)}, over the ${formatByteCount(maxFileBytes)} limit; raise maxFileBytes (--max-file-bytes)`;
  }
  if (await isBinaryFile(path)) return 'binary file';
  return undefined;
}
