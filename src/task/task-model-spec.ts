import type { SwarmConfig } from '../config/swarm-config.ts';
import { routeTaskModel } from './route-task-model.ts';
import type { TaskDefinition } from './task-definition.ts';

/** The provider name a task's `worker_api_base` is registered under. */
export const taskWorkerProvider = 'task-worker';

/**
 * The engine spec of a model named in a task file: a usable spec as is, or a model at the task's
 * `worker_api_base` (DeepSwarm names models bare, like `deepseek-v4-pro`), which `taskConfig`
 * registers as the `task-worker` provider.
 */
export function taskModelSpec(name: string, task: TaskDefinition, config: SwarmConfig, env: Record<string, string | undefined>): string {
  const route = routeTaskModel(name, { task, config, env });
  return route.kind === 'spec' ? route.spec : `${taskWorkerProvider}:${route.modelId}`;
}

/** The config a task's models resolve with: `worker_api_base` added as the `task-worker` provider. */
export function taskConfig(task: TaskDefinition, config: SwarmConfig): SwarmConfig {
  if (task.workerApiBase === undefined) return config;
  return {
    ...config,
    providers: { ...config.providers, [taskWorkerProvider]: { baseURL: task.workerApiBase, apiKeyEnv: task.workerApiKeyEnv ?? 'OPENAI_API_KEY' } },
  };
}
