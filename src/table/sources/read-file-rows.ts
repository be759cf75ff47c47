import { InvalidInputError } from '../../errors/index.ts';
import { assignFileRowIds } from './assign-file-row-ids.ts';
import { describeFileRowProblem } from './describe-file-row-problem.ts';
import { formatProblemList } from './format-problem-list.ts';
import type { SourceRecord } from './source-record.ts';

/** Files checked at once; bounded so a glob over thousands of files does not run out of file handles. */
const checkConcurrency = 32;

/**
 * Turns found files into `{ id, file }` rows after checking every one, so a single error names all
 * binary or oversized files. `file` is the path as given or matched; `path` is where it is read.
 */
export async function readFileRows(
  files: { file: string; path: string; size: number }[],
  { cwd, maxFileBytes }: { cwd: string; maxFileBytes: number },
): Promise<SourceRecord[]> {
  const problems: { file: string; problem: string }[] = [];
  for (let start = 0; start < files.length; start += checkConcurrency) {
    const batch = files.slice(start, start + checkConcurrency);
    const batchProblems = await Promise.all(
      batch.map(({ path, size }) => describeFileRowProblem(path, { size, maxFileBytes })),
    );
    for (const [index, problem] of batchProblems.entries()) {
      if (problem !== undefined) problems.push({ file: batch[index]!.file, problem });
    }
  }
  if (problems.length === 1) throw new InvalidInputError(problems[0]!.problem, { file: problems[0]!.file });
  if (problems.length > 1) {
    throw new InvalidInputError(
      formatProblemList(
        `${problems.length} files cannot be used as rows`,
        problems.map(({ file, problem }) => `${file}: ${problem}`),
      ),
    );
  }
  const ids = assignFileRowIds(
    files.map(({ file }) => file),
    cwd,
  );
  return files.map(({ file }, index) => ({ id: ids[index]!, data: { id: ids[index]!, file } }));
}
