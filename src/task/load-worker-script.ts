import { pathToFileURL } from 'node:url';
import { InvalidInputError } from '../errors/index.ts';
import type { TaskDefinition } from './task-definition.ts';
import type { NextTurnScript, WorkerScript } from './worker-script.ts';

/**
 * Imports a task's `worker_script` and checks it exports what the task uses: a default (or `run`)
 * function for `task_type: custom`, `nextTurn` for `next_turn: script`. Nothing to load is `{}`.
 * Problems, including errors thrown while the module loads, are InvalidInputErrors naming the script.
 */
export async function loadWorkerScript(
  task: Pick<TaskDefinition, 'workerScript' | 'taskType' | 'nextTurn'>,
): Promise<{ run?: WorkerScript; nextTurn?: NextTurnScript }> {
  const file = task.workerScript;
  if (file === undefined) return {};
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    // The message only: a stack from inside a user's module says nothing about this task.
    throw new InvalidInputError(`worker_script could not be loaded: ${(error as Error).message?.split('\n')[0] ?? String(error)}`, {
      file,
      cause: error,
    });
  }
  const run = typeof module.default === 'function' ? module.default : module.run;
  const nextTurn = module.nextTurn;
  if (task.taskType === 'custom' && typeof run !== 'function') {
    throw new InvalidInputError(
      'worker_script exports no function to run: write `export default async function (row, { call, prompt }) { ... }` ' +
        '(or export it as `run`) returning the columns to write',
      { file },
    );
  }
  if (task.nextTurn !== undefined && 'script' in task.nextTurn && typeof nextTurn !== 'function') {
    throw new InvalidInputError(
      'next_turn: script needs worker_script to export `nextTurn(conversation, row)`, returning the next user message or undefined to stop',
      { file },
    );
  }
  return {
    run: typeof run === 'function' ? (run as WorkerScript) : undefined,
    nextTurn: typeof nextTurn === 'function' ? (nextTurn as NextTurnScript) : undefined,
  };
}
