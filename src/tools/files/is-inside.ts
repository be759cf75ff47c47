import path from 'node:path';

/** True when `candidate` (absolute, normalized) is `folder` itself or lies beneath it. */
export function isInside(folder: string, candidate: string): boolean {
  if (candidate === folder) return true;
  return candidate.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}
