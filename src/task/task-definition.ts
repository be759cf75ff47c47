import type { BudgetLimits } from '../budget/budget-limits.ts';

/** The kinds of job a task file can describe (DeepSwarm's `task_type`). */
export type TaskType = 'generation' | 'translation' | 'summarization' | 'classification' | 'extraction' | 'custom';

/** How a multi-turn conversation knows it is finished. */
export type CompletionRule =
  /** The assistant's reply contains this text. */
  | { marker: string }
  /** The assistant's reply matches this regular expression. */
  | { regex: string }
  /** The assistant's reply is JSON whose `field` is truthy (or equals `equals` when given). */
  | { jsonField: string; equals?: unknown };

/** Where the next user turn of a multi-turn conversation comes from. */
export type NextTurnSource =
  /** A template; `{{last}}` is the assistant's last reply, `{{turn}}` the turn number, `{column}` row values. */
  | { template: string }
  /** A model plays the user: it gets the conversation so far and the instruction, and writes the next user message. */
  | { userSimulator: { model: string; instruction: string } }
  /** The `nextTurn` export of the task's worker_script decides. */
  | { script: true };

/**
 * A task file (DeepSwarm's task.yaml plus Swarm's own keys), validated, with paths resolved
 * against the task file's folder and defaults filled in.
 */
export interface TaskDefinition {
  /** Absolute path of the task file. */
  file: string;
  taskType: TaskType;
  /** The per-row prompt: `{{seed}}` is the row's seed text, `{column}` any row value. */
  promptTemplate: string;
  /** System prompt for every worker conversation. */
  system?: string;
  /** Plans and checks: seeds, the pilot review, error triage. Default: the worker model. */
  orchestratorModel: string;
  /** Does the bulk of the calls. */
  workerModel: string;
  /** An OpenAI-compatible base URL for the worker model (DeepSwarm's worker_api_base); its key comes from `workerApiKeyEnv`. */
  workerApiBase?: string;
  /** Environment variable with the key for `workerApiBase`. Default OPENAI_API_KEY. */
  workerApiKeyEnv?: string;
  /** Output cap per worker call. */
  workerMaxTokens?: number;
  multiTurn: boolean;
  /** Most turns per conversation (each turn is one call). Default 10. */
  maxTurns: number;
  completion?: CompletionRule;
  nextTurn?: NextTurnSource;
  /** Absolute path of the seeds file (JSONL or CSV); the table the job runs over. */
  seedsFile: string;
  /** Calls in flight: `auto` (adaptive) or a cap. */
  workers: 'auto' | number;
  /** Least time between two call starts, in ms: `auto` leaves it to the limiter. */
  stagger: 'auto' | number;
  /** Rows per call for single-turn structured tasks: `auto` or a number. Multi-turn jobs use 1. */
  batchSize: 'auto' | number;
  /** Absolute path of the output folder. */
  outputDir: string;
  outputFormat: 'jsonl' | 'json' | 'parquet' | 'csv';
  /** Rebuild non-JSONL output files from the store every this many finished rows. Default 100. */
  checkpointEvery: number;
  /** Absolute path of a .ts/.js module whose default (or `run`) export handles one row. */
  workerScript?: string;
  /** JSON Schema of each answer (`type: "object"`); without it, workers answer free text in `output`. */
  responseSchema?: Record<string, unknown>;
  budget: BudgetLimits;
  /** `online`: calls as they go; `batch`: the provider's batch API at about half price. */
  mode: 'online' | 'batch';
  /** How many seeds `swarm seed` generates when not told. Default 100. */
  seedCount: number;
  /** What the generated seeds are about, for `swarm seed`. */
  seedInstruction?: string;
}
