import type { RowFailure } from '../recorder/result-writer.ts';
import type { Swarm } from '../swarm/open-swarm.ts';
import { askOrchestrator, orchestratorModel } from './ask-orchestrator.ts';
import type { TaskDefinition } from './task-definition.ts';

/** The orchestrator's reading of a job's failures: causes, and what to change. */
export interface FailureTriage {
  causes: Array<{ cause: string; rows: number; fix: string }>;
}

const triageSchema = {
  type: 'object',
  properties: {
    causes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          cause: { type: 'string', description: 'what went wrong, in one sentence' },
          rows: { type: 'integer', minimum: 0, description: 'how many of the shown failures it explains' },
          fix: { type: 'string', description: 'what to change in the task file or the seeds' },
        },
        required: ['cause', 'rows', 'fix'],
      },
    },
  },
  required: ['causes'],
};

/**
 * Error triage by the orchestrator model: one call that reads a sample of the failures (error
 * class, message, raw answer) beside the task's prompt and says what caused them and what to
 * change. Undefined when there is nothing to triage or the orchestrator gives no usable answer.
 */
export async function triageFailures(
  swarm: Swarm,
  task: TaskDefinition,
  failures: RowFailure[],
  { abortSignal }: { abortSignal?: AbortSignal } = {},
): Promise<FailureTriage | undefined> {
  if (failures.length === 0) return undefined;
  const model = orchestratorModel(task, swarm.context.config, swarm.context.env, swarm.context.secrets);
  const shown = failures
    .slice(0, 20)
    .map((failure) => `<failure row="${failure.id}" class="${failure.errorClass}">\n${failure.error.slice(0, 500)}${failure.rawOutput === undefined ? '' : `\nraw answer: ${failure.rawOutput.slice(0, 500)}`}\n</failure>`)
    .join('\n');
  try {
    const answer = await askOrchestrator(model, {
      system: 'You triage the failed rows of a batch LLM job: group them by cause and say what to change.',
      user: `Prompt template of the job:\n${task.promptTemplate}\n\n${failures.length} rows failed; a sample:\n${shown}\n\nAnswer as JSON.`,
      schema: triageSchema,
      abortSignal,
    });
    const causes = (answer as { causes?: unknown } | undefined)?.causes;
    if (!Array.isArray(causes)) return undefined;
    return {
      causes: causes
        .filter((cause): cause is Record<string, unknown> => cause !== null && typeof cause === 'object')
        .map((cause) => ({ cause: String(cause.cause ?? ''), rows: Number(cause.rows ?? 0), fix: String(cause.fix ?? '') })),
    };
  } catch {
    return undefined;
  }
}
