import type { SwarmConfig } from '../config/swarm-config.ts';
import { closestMatch } from '../config/closest-match.ts';
import { ModelConfigError } from '../errors/index.ts';
import { builtInProviders } from '../model/built-in-providers.ts';
import { chooseModelSpec } from '../model/choose-model-spec.ts';
import { parseModelSpec } from '../model/parse-model-spec.ts';
import type { TaskDefinition } from './task-definition.ts';

/** How a model named in a task file is reached. */
export type TaskModelRoute =
  /** A Swarm model spec or alias: hand `spec` to `resolveModel`. */
  | { kind: 'spec'; spec: string }
  /** A model id at the task's OpenAI-compatible `worker_api_base`, keyed by the variable `apiKeyEnv`. */
  | { kind: 'endpoint'; baseURL: string; modelId: string; apiKeyEnv: string };

/**
 * Decides how to reach `name` (the worker, orchestrator or user-simulator model of a task). With a
 * `workerApiBase`, the worker model is a model id at that endpoint, and so is any other name that
 * is not a usable spec: DeepSwarm's task files name both models bare (`deepseek-v4-pro`) beside one
 * API base. Otherwise `name` must be a spec whose provider is known; a ModelConfigError says why
 * not. API keys are not checked: that happens when the model is resolved, at run time.
 */
export function routeTaskModel(
  name: string,
  {
    task,
    config,
    env = process.env,
  }: {
    task: Pick<TaskDefinition, 'workerModel' | 'workerApiBase' | 'workerApiKeyEnv'>;
    config: Pick<SwarmConfig, 'model' | 'aliases' | 'providers'>;
    env?: Readonly<Record<string, string | undefined>>;
  },
): TaskModelRoute {
  const { workerApiBase, workerModel, workerApiKeyEnv = 'OPENAI_API_KEY' } = task;
  const endpoint = { kind: 'endpoint', baseURL: workerApiBase!, modelId: name.trim(), apiKeyEnv: workerApiKeyEnv } as const;
  if (workerApiBase !== undefined && name.trim() === workerModel.trim()) return endpoint;
  try {
    checkModelSpec(name, { config, env });
    return { kind: 'spec', spec: name.trim() };
  } catch (error) {
    if (workerApiBase !== undefined && ModelConfigError.isInstance(error)) return endpoint;
    throw error;
  }
}

/** Throws a ModelConfigError unless `name` is a spec (or alias of one) with a known provider. */
function checkModelSpec(
  name: string,
  { config, env }: { config: Pick<SwarmConfig, 'model' | 'aliases' | 'providers'>; env: Readonly<Record<string, string | undefined>> },
): void {
  const spec = chooseModelSpec(name, { config, env });
  let provider: string;
  try {
    ({ provider } = parseModelSpec(spec));
  } catch (error) {
    if (!ModelConfigError.isInstance(error)) throw error;
    // DeepSwarm names models bare; that works beside the endpoint serving them.
    throw new ModelConfigError(`${error.message} A bare model id works with worker_api_base, the OpenAI-compatible endpoint serving it.`);
  }
  const known = [...Object.keys(builtInProviders), 'mock', ...Object.keys(config.providers)];
  if (known.includes(provider)) return;
  const suggestion = closestMatch(provider, known);
  throw new ModelConfigError(
    `unknown provider "${provider}" in model spec ${JSON.stringify(spec)}` +
      (suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`) +
      `; known providers: ${known.join(', ')}. Add OpenAI-compatible endpoints under providers: in swarm.config.yaml, ` +
      'or set worker_api_base in the task file',
  );
}
