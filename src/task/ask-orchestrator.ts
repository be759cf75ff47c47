import { askForJson } from '../call/ask-for-json.ts';
import type { SecretRedactor } from '../call/secret-redactor.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { resolveModel } from '../model/resolve-model.ts';
import type { ResolvedModel } from '../model/resolved-model.ts';
import type { TaskDefinition } from './task-definition.ts';
import { taskConfig, taskModelSpec } from './task-model-spec.ts';

/** The task's orchestrator model: the one that writes seeds, reviews a pilot and triages failures; its key is given to `secrets`. */
export function orchestratorModel(task: TaskDefinition, config: SwarmConfig, env: Record<string, string | undefined>, secrets?: SecretRedactor): ResolvedModel {
  const modelConfig = taskConfig(task, config);
  return resolveModel(taskModelSpec(task.orchestratorModel, task, modelConfig, env), { config: modelConfig, env, secrets });
}

/**
 * One structured call to the orchestrator: a system and a user message, answered as JSON
 * matching `schema`; the parsed (and, if need be, repaired) answer, or undefined when it is not JSON.
 */
export async function askOrchestrator(
  model: ResolvedModel,
  { system, user, schema, abortSignal }: { system: string; user: string; schema: Record<string, unknown>; abortSignal?: AbortSignal },
): Promise<unknown> {
  const { value } = await askForJson(model.languageModel, {
    prompt: [
      { role: 'system', content: system },
      { role: 'user', content: [{ type: 'text', text: user }] },
    ],
    schema,
    abortSignal,
  });
  return value;
}
