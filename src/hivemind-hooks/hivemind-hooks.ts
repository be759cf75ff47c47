import type { LanguageModelV4 } from '@ai-sdk/provider';
import { CriticAnswerError } from '../critic/critic-answer-error.ts';
import { criticSettings } from '../critic/critic-settings.ts';
import { critique } from '../critic/critique.ts';
import { critiqueNote } from '../critic/critique-note.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { PlanTask } from '../plan/plan.ts';
import type { PlanBus } from '../plan-bus/create-plan-bus.ts';
import { promptWithBroadcasts } from '../plan-bus/prompt-with-broadcasts.ts';
import type { PlanMemory } from '../plan-memory/plan-memory.ts';
import { promptWithMemories } from '../plan-memory/prompt-with-memories.ts';

/** Options of `hivemindHooks`: each part is on when given. */
export interface HivemindHooksOptions {
  /** Names the run in plan memory. */
  runId: string;
  /** The run's message bus: tasks are offered what earlier ones broadcast. */
  bus?: PlanBus;
  /** Plan memory: tasks are offered the findings most relevant to them, and their results kept. */
  memory?: PlanMemory;
  /** Findings offered per task. Default 5. */
  memories?: number;
  /** The critic of tasks with `critic`: `model`, or `modelFor(spec)` for a task naming its critic's model. */
  critic?: { model: LanguageModelV4; modelFor?: (spec: string) => LanguageModelV4 };
  abortSignal?: AbortSignal;
}

/** A plan run's hooks: `beforeTask` as a task starts, `afterTask` when it completed (`{ retry }` runs it once more, the prompt followed by `retry`). */
export interface PlanTaskHooks {
  beforeTask(task: PlanTask, prompt: string): Promise<string>;
  afterTask(task: PlanTask, result: unknown, context: { prompt: string; run: number }): Promise<{ retry?: string } | undefined>;
}

/**
 * The Hivemind runtime as a plan run's hooks. As a model or agent task starts: the findings of plan
 * memory most relevant to its prompt, and the run's broadcasts so far (free-text tasks are told how
 * to broadcast). When a task completed: its broadcasts published, its result remembered, and, for a
 * task asking for a critic, its result scored; under the threshold, once per task, it runs again
 * with the critique (`critiqueNote`). An unreadable critic answer keeps the result.
 */
export function hivemindHooks({ runId, bus, memory, memories = 5, critic, abortSignal }: HivemindHooksOptions): PlanTaskHooks {
  const critiqued = new Set<string>();
  return {
    async beforeTask(task, prompt) {
      if (task.command !== undefined || task.run !== undefined) return prompt;
      let text = memory === undefined ? prompt : promptWithMemories(prompt, memory, { runId, taskId: task.id, k: memories });
      if (bus !== undefined) text = promptWithBroadcasts(text, bus, { taskId: task.id, invite: task.schema === undefined });
      return text;
    },
    async afterTask(task, result, { prompt }) {
      bus?.publish(task.id, result);
      memory?.remember(runId, task.id, result);
      const settings = criticSettings(task);
      if (settings === undefined || critiqued.has(task.id)) return undefined;
      if (critic === undefined) throw new InvalidInputError(`task ${task.id} asks for a critic, but the run has no critic model`);
      critiqued.add(task.id);
      const model = settings.model === undefined || critic.modelFor === undefined ? critic.model : critic.modelFor(settings.model);
      try {
        const verdict = await critique(result, { description: prompt }, { model, threshold: settings.threshold, abortSignal });
        const review = { score: verdict.score, critique: verdict.critique, pass: verdict.pass };
        return verdict.pass ? { review } : { retry: critiqueNote(verdict.critique), review };
      } catch (error) {
        if (CriticAnswerError.isInstance(error)) return undefined;
        throw error;
      }
    },
  };
}
