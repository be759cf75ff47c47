import path from 'node:path';
import type { BudgetLimits } from '../../budget/budget-limits.ts';
import { passDefaults } from '../../pass/pass-defaults.ts';
import type { EnginePassOptions } from '../../pass/engine-pass-options.ts';
import type { PreparedPass } from '../../pass/prepared-pass.ts';
import type { RunOptions } from '../../pass/run-options.ts';
import type { TaskDefinition } from '../../task/task-definition.ts';
import type { PassRecipe } from '../pass-recipe.ts';
import type { LocalPass } from '../worker/worker-environment.ts';

/**
 * The recipe workers answer a prepared pass's dispatches with, and the pass's objects a worker of
 * this process answers with itself (a model instance, a function). `processOnly`: one of them
 * cannot travel (a model instance, a function without a `workerKey` of its own), so only this
 * process's worker can answer the pass. `budgetKey` is where the run's shared budget is, when the
 * pass has caps.
 */
export function recipeOfPass(
  pass: PreparedPass,
  options: RunOptions,
  engine: EnginePassOptions,
  { runId, results, budgetKey, cwd, task }: { runId: string; results: string; budgetKey: string; cwd: string; task: TaskDefinition | undefined },
): { recipe: PassRecipe; objects: Pick<LocalPass, 'model' | 'worker'>; processOnly: boolean } {
  const relative = (value: string | undefined) => (value === undefined ? undefined : insideOrAbsolute(cwd, value));
  const base = {
    version: 1 as const,
    passId: pass.passId,
    tableId: pass.table.id,
    runId,
    results,
    responseSchema: pass.command === undefined ? pass.schema.row : (pass.command.outputSchema?.row ?? { type: 'object', properties: { output: { type: 'string' } }, required: ['output'] }),
    placeholders: [...pass.placeholders],
    tableColumns: [...pass.table.columns],
    concurrency: pass.concurrency,
    timeoutMs: pass.timeoutMs,
    ...(task === undefined ? {} : { task: task as unknown as Record<string, unknown> }),
  };
  if (pass.command !== undefined) {
    const { command } = pass;
    return {
      recipe: {
        ...base,
        answer: {
          kind: 'command',
          template: command.template,
          isolation: command.isolation,
          cwd: relative(command.cwd)!,
          passEnv: [...(options.passEnv ?? [])],
          maxOutputBytes: command.maxOutputBytes,
          ...(command.outputSchema === undefined ? {} : { outputSchema: command.outputSchema.row }),
          ...(command.fileRoot === undefined ? {} : { fileRoot: relative(command.fileRoot) }),
          ...(command.stdinColumn === undefined ? {} : { stdinColumn: command.stdinColumn }),
          ...(engine.env === undefined ? {} : { env: { ...engine.env } }),
        },
      },
      objects: {},
      processOnly: false,
    };
  }
  const bound: Pick<LocalPass, 'model' | 'worker'> = {};
  if (options.model !== undefined && typeof options.model !== 'string') bound.model = options.model;
  let worker: { key: string; bound: boolean } | undefined;
  if (pass.worker !== undefined) {
    // A task file's function is rebuilt from the task; a function with a key of its own travels by that key.
    const key = task !== undefined ? 'task' : options.workerKey;
    worker = { key: key ?? passDefaults.workerKey, bound: key === undefined };
    if (typeof pass.worker === 'function') bound.worker = pass.worker;
  }
  const caps = Object.fromEntries(Object.entries(pass.budget).filter(([, value]) => value !== undefined)) as BudgetLimits;
  return {
    recipe: {
      ...base,
      ...(Object.keys(caps).length === 0 ? {} : { budget: { key: budgetKey, limits: caps } }),
      answer: {
        kind: 'model',
        model: pass.model.spec,
        bound: bound.model !== undefined,
        instruction: pass.instruction,
        ...(pass.context === undefined ? {} : { context: pass.context }),
        maxFileBytes: pass.maxFileBytes,
        maxAttempts: pass.maxAttempts,
        stream: pass.stream,
        firstTokenTimeoutMs: pass.firstTokenTimeoutMs,
        ...(pass.maxOutputTokens === undefined ? {} : { maxOutputTokens: pass.maxOutputTokens }),
        cache: pass.cache,
        ...(pass.fileRoot === undefined ? {} : { fileRoot: relative(pass.fileRoot) }),
        ...(pass.agent === undefined
          ? {}
          : { agent: { type: pass.agent.type.name, ...(pass.agent.tableFileRoot === undefined ? {} : { tableFileRoot: relative(pass.agent.tableFileRoot) }) } }),
        ...(worker === undefined ? {} : { worker }),
      },
    },
    objects: bound,
    processOnly: bound.model !== undefined || worker?.bound === true,
  };
}

/** `file` relative to `cwd` when it is inside it (a worker resolves it against its own), else as it is. */
function insideOrAbsolute(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative === '' ? '.' : relative;
}
