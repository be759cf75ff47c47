import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TaskFile } from './task-file-schema.ts';
import type { TaskProblem } from './task-problem.ts';

const seedExtensions = ['.jsonl', '.ndjson', '.csv', '.json'];
const scriptExtensions = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * Checks the files a task names, resolved against `folder` (the task file's): the seeds file (which
 * may be missing with `allowMissingSeeds`, for `swarm seed` to write) and the worker script. Their
 * contents are read later: seeds by the table reader, the script by `loadWorkerScript`.
 */
export function checkTaskFiles(
  task: Pick<TaskFile, 'seeds_file' | 'worker_script'>,
  { folder, allowMissingSeeds }: { folder: string; allowMissingSeeds: boolean },
): TaskProblem[] {
  const problems: TaskProblem[] = [];
  const seeds = path.resolve(folder, task.seeds_file);
  if (!seedExtensions.includes(path.extname(seeds).toLowerCase())) {
    problems.push({ message: `"seeds_file" must be a ${seedExtensions.join(', ')} file; got ${JSON.stringify(task.seeds_file)}`, keyPath: ['seeds_file'] });
  } else if (!existsSync(seeds)) {
    if (!allowMissingSeeds) {
      problems.push({ message: `"seeds_file" not found: ${seeds} (create it, or generate it with \`swarm seed\`)`, keyPath: ['seeds_file'] });
    }
  } else if (!statSync(seeds).isFile()) {
    problems.push({ message: `"seeds_file" must name a file, not a folder: ${seeds}`, keyPath: ['seeds_file'] });
  }

  if (task.worker_script !== undefined) {
    const script = path.resolve(folder, task.worker_script);
    const extension = path.extname(script).toLowerCase();
    if (extension === '.py') {
      problems.push({
        message: `"worker_script" is a Python file; Swarm runs TypeScript or JavaScript modules (${scriptExtensions.join(', ')}): port it, following examples/tasks/custom-worker.ts`,
        keyPath: ['worker_script'],
      });
    } else if (!scriptExtensions.includes(extension)) {
      problems.push({ message: `"worker_script" must be a ${scriptExtensions.join(', ')} module; got ${JSON.stringify(task.worker_script)}`, keyPath: ['worker_script'] });
    } else if (!existsSync(script)) {
      problems.push({ message: `"worker_script" not found: ${script}`, keyPath: ['worker_script'] });
    } else if (!statSync(script).isFile()) {
      problems.push({ message: `"worker_script" must name a file, not a folder: ${script}`, keyPath: ['worker_script'] });
    }
  }
  return problems;
}
