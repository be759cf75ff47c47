import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { BudgetLimits } from '../budget/budget-limits.ts';
import type { RowFilter } from '../filter/row-filter.ts';
import type { RowWorker } from './row-worker.ts';

/** A row handed to a `batchSize` function. */
export type BatchSizeFunction = (row: Record<string, unknown>, rowCount: number) => number;

/** Options every pass takes. */
export interface SharedRunOptions {
  /** Only rows matching this filter are dispatched. */
  filter?: RowFilter;
  /** Only the first this many matching rows, in table order (a pilot run, `--total`). */
  limit?: number;
  /**
   * Calls in flight: `"auto"` (default) adapts to the provider, starting at 32 and backing off on
   * 429s and rising latency; a number caps that adaptation. With `command`: commands running at
   * once; `"auto"` is the number of CPUs.
   */
  concurrency?: number | 'auto';
  /** Replace columns that another pass or the source wrote. Default false. */
  overwrite?: boolean;
  /** A call running longer than this is aborted and retried. Default 120000. With `command`: a command running longer is ended (its whole process group) and its row fails; default 600000. */
  timeoutMs?: number;
  /** Stops the pass: calls in flight are aborted, unanswered rows stay pending for a later run. An estimate stops and rejects with its reason. */
  abortSignal?: AbortSignal;
}

/** Options of a pass whose rows a model answers: one structured call per dispatch, or a row worker's calls. */
export interface ModelRunOptions extends SharedRunOptions, BudgetLimits {
  /** Per-row template; `{column}` or `{{column}}` placeholders refer to the row's values; with none, prompts show whole rows. Required. */
  instruction: string;
  /** JSON Schema with `type: "object"`; its properties become columns. Required. */
  responseSchema: Record<string, unknown>;
  /** Prose prepended to every prompt (shared background, rules, examples). */
  context?: string;
  /**
   * `"provider:model-id"` or a config alias; default `SWARM_MODEL`, then `model:` in swarm.config.yaml.
   * May also be a LanguageModelV4 instance (a custom provider, or a test double), used as it is:
   * the pass is named after its `provider:modelId` and its cost is unknown.
   */
  model?: string | LanguageModelV4;
  /**
   * Rows per call: `"auto"` (default: a tenth of the rows per call, from 1 to 50; so 10 calls up to
   * 500 rows, and one per 50 rows beyond), a number, or a function.
   */
  batchSize?: 'auto' | number | BatchSizeFunction;
  /**
   * Answers each row with this function instead of one structured call (the `function` worker
   * kind): it gets the row and tools to call models, and returns the row's columns, which must
   * match `responseSchema`. Rows go one at a time (batchSize is ignored).
   */
  worker?: RowWorker;
  /** Identifies the worker's logic in the pass fingerprint, so changing it starts a new pass. Default "function". */
  workerKey?: string;
  /** Runs each row through a named agent with tools instead of one model call. */
  subagentType?: string;
  /** Attempts per call for transient errors (5xx, network, timeouts); rate-limit waits never use one up. Default 6. */
  maxAttempts?: number;
  /** Stream each answer, so a stalled first token or a broken stream is caught early. Default false. */
  stream?: boolean;
  /** With `stream`: abort and retry a call whose first token takes longer than this. Default 30000. */
  firstTokenTimeoutMs?: number;
  /** Upper bound on output tokens per call. */
  maxOutputTokens?: number;
  /** Largest file a `{file}` placeholder reads into a prompt (file rows: `glob`, `filePaths`). Default 1000000. */
  maxFileBytes?: number;
  /**
   * `online` (default): calls as rows come. `batch`: the first call of every dispatch goes through
   * the provider's batch API (OpenAI, Anthropic, Gemini) at about half price; answers that need
   * another call (re-asks, rows a batch answer dropped, retryable item errors) are then made online.
   */
  mode?: 'online' | 'batch';
  /** With `mode: 'batch'`: how often to poll the provider. Default 30000. */
  batchPollIntervalMs?: number;
  /** Answer identical requests from the store's response cache (only validated answers are cached). Default true. */
  cache?: boolean;
}

/** Options of a pass whose rows each run a shell command (the `command` worker kind): no model options apply. */
export interface CommandRunOptions extends SharedRunOptions {
  /**
   * Runs this shell command line once per row instead of calling a model (the `command` worker
   * kind), with `sh -c` like an npm script. `{column}` placeholders become the row's values, each
   * one shell-quoted word (`{file}` on a file table: the file's path); `${NAME}` is the shell's.
   * Its stdout is the `output` column, or, with `responseSchema`, JSON whose properties are the
   * columns. No model options apply.
   */
  command: string;
  /** JSON Schema with `type: "object"`: stdout must be JSON that it validates, and its properties are the columns. Default: stdout, trimmed, is the `output` column. */
  responseSchema?: Record<string, unknown>;
  /**
   * With `command`: `'none'` (default) runs every row's command in `cwd`; `'worktree'` gives each
   * row a git worktree of its own, on a new branch `swarm/<table>/<row>` from HEAD, commits what the
   * command changed there, and writes the `branch` and `commit` columns.
   */
  isolation?: 'none' | 'worktree';
  /** With `command`: the folder commands run in (relative to the swarm's `cwd`). Default the swarm's `cwd`. */
  cwd?: string;
  /**
   * With `command`: variables passed to the command although they look like secrets. A command
   * gets the environment without the config's API keys and without any variable named like a
   * secret (`*_API_KEY`, `*_TOKEN`, `*_SECRET`, `*PASSWORD*`, …) unless named here.
   */
  passEnv?: string[];
  /** With `command`: more stdout than this ends the command and fails its row (`output-cap`). Default 1000000. */
  maxOutputBytes?: number;
}

/** Options of `run(tableId, options)`: a model pass, or with `command` a command pass. Defaults are given per field. */
export type RunOptions =
  | (ModelRunOptions & Unset<Omit<CommandRunOptions, keyof SharedRunOptions | 'responseSchema'>>)
  | (CommandRunOptions & Unset<Omit<ModelRunOptions, keyof SharedRunOptions | 'responseSchema'>>);

/** `T`'s properties, each one that may not be given. */
type Unset<T> = { [Key in keyof T]?: undefined };
