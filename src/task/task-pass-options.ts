import { canonicalJson } from '../json/canonical-json.ts';
import type { RunOptions } from '../pass/run-options.ts';
import { seedColumns } from './seed-text-of.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { taskConversation } from './task-conversation.ts';
import type { Conversation } from '../pass/conversation.ts';
import type { RowWorker } from '../pass/row-worker.ts';
import type { NextTurnScript, WorkerScript } from './worker-script.ts';
import { taskConfig, taskModelSpec } from './task-model-spec.ts';
import { renderTaskPrompt } from './render-task-prompt.ts';
import { chooseModelSpec } from '../model/choose-model-spec.ts';
import type { TaskDefinition } from './task-definition.ts';
import { taskOutputSchema } from './task-output-schema.ts';

/**
 * Turns a task definition into pass options on the engine: DeepSwarm's `workers` becomes the
 * concurrency cap (`auto` adapts), a numeric `stagger` a requests-per-minute limit, `batch_size`
 * the rows per call of single-turn structured tasks. Single-turn structured tasks without a
 * script go through the batched structured engine; a custom script runs as a row worker; everything
 * else is a conversation (the `conversation` worker kind, given to the pass as an engine option).
 * Returns the config the pass needs (with `worker_api_base` and the stagger limit added).
 */
export function taskPassOptions(
  task: TaskDefinition,
  {
    config: userConfig,
    env,
    script,
    tableColumns,
  }: { config: SwarmConfig; env: Record<string, string | undefined>; script: { run?: WorkerScript; nextTurn?: NextTurnScript }; tableColumns: string[] },
): { options: RunOptions; config: SwarmConfig; conversation: Conversation | undefined } {
  const config = taskConfig(task, userConfig);
  const model = taskModelSpec(task.workerModel, task, config, env);
  // A numeric stagger spaces call starts; the limiter reads limits under the resolved spec.
  const limitKey = chooseModelSpec(model, { config, env });
  const limits = task.stagger === 'auto' ? config.limits : { ...config.limits, [limitKey]: { ...config.limits?.[limitKey], minIntervalMs: task.stagger } };
  const base: RunOptions = {
    instruction: task.promptTemplate,
    responseSchema: taskOutputSchema(task),
    model,
    concurrency: task.workers,
    maxOutputTokens: task.workerMaxTokens,
    ...task.budget,
  };
  const seedColumn = seedColumns.find((column) => tableColumns.includes(column));
  const structured = !task.multiTurn && task.responseSchema !== undefined && task.workerScript === undefined && seedColumn !== undefined;
  const custom = !structured && task.taskType === 'custom' && script.run !== undefined;
  const conversation = structured || custom ? undefined : taskConversation(task, script, (name) => taskModelSpec(name, task, config, env));
  const options: RunOptions = structured
    ? {
        ...base,
        // The structured engine lists each row's values beside the instruction, so {{seed}} becomes a reference to the seed column.
        instruction: task.promptTemplate.replaceAll('{{seed}}', `{${seedColumn}}`),
        context: task.system,
        batchSize: task.batchSize,
        mode: task.mode,
      }
    : {
        ...base,
        // A worker script's tools are Swarm's row-worker tools: same calls, same limits.
        ...(custom ? { worker: customWorker(task, script.run as RowWorker) } : {}),
        workerKey: canonicalJson({
          taskType: task.taskType,
          system: task.system ?? null,
          multiTurn: task.multiTurn,
          maxTurns: task.maxTurns,
          completion: task.completion ?? null,
          nextTurn: task.nextTurn ?? null,
          workerScript: task.workerScript ?? null,
        }),
      };
  return { options, config: { ...config, limits }, conversation };
}

/**
 * A worker script, given the task's prompt for its row; its columns are kept as they are when the
 * task declares them, otherwise whole in `output`.
 */
function customWorker(task: TaskDefinition, run: RowWorker): RowWorker {
  return async (row, tools) => {
    const columns = await run(row, { ...tools, prompt: renderTaskPrompt(task.promptTemplate, row) });
    return task.responseSchema === undefined ? { output: columns } : columns;
  };
}
