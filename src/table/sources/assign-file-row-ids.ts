import { relative, resolve, sep } from 'node:path';

/**
 * Row ids for file rows: each file's base name (`a.ts`), except that files sharing a base name get
 * as many parent folders as it takes to tell them apart (`x/a.ts`, `y/a.ts`). Paths are resolved
 * against `cwd` and must name distinct files; ids always use `/`.
 */
export function assignFileRowIds(files: string[], cwd: string): string[] {
  const segmentLists = files.map((file) => relative(cwd, resolve(cwd, file)).split(sep));
  const indexesByBaseName = new Map<string, number[]>();
  for (const [index, segments] of segmentLists.entries()) {
    const baseName = segments.at(-1)!;
    const indexes = indexesByBaseName.get(baseName);
    if (indexes === undefined) indexesByBaseName.set(baseName, [index]);
    else indexes.push(index);
  }
  const ids = new Array<string>(files.length);
  for (const [baseName, indexes] of indexesByBaseName) {
    if (indexes.length === 1) {
      ids[indexes[0]!] = baseName;
      continue;
    }
    // The whole group takes the same depth, so related files read alike (`x/a.ts`, `y/a.ts`).
    const longest = Math.max(...indexes.map((index) => segmentLists[index]!.length));
    for (let depth = 2; depth <= longest; depth++) {
      const candidates = indexes.map((index) => segmentLists[index]!.slice(-depth).join('/'));
      if (new Set(candidates).size === candidates.length || depth === longest) {
        for (const [position, index] of indexes.entries()) ids[index] = candidates[position]!;
        break;
      }
    }
  }
  return ids;
}
