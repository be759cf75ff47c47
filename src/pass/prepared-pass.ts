import type { AgentType } from '../agents/agent-type.ts';
import type { BudgetLimits } from '../budget/budget-limits.ts';
import type { RequestFingerprint } from '../cache/request-fingerprint.ts';
import type { CompiledFilter } from '../store/compile-filter.ts';
import type { ResolvedModel } from '../model/resolved-model.ts';
import type { TableInfo } from '../table/table-info.ts';
import type { PreparedCommand } from './prepared-command.ts';
import type { PromptFrame } from './render-prompt.ts';
import type { ResponseSchema } from './response-schema.ts';
import type { Conversation } from './conversation.ts';
import type { RowWorker } from './row-worker.ts';
import type { BatchSizeFunction } from './run-options.ts';

/**
 * A pass's settings, validated and defaulted once by `preparePass` (frozen): what run, estimate
 * and `--dry-run` read, so that they send, count and price the same prompts. A pass answers its
 * rows with a model, or (with `command`) with a shell command per row.
 */
export type PreparedPass = PreparedModelPass | PreparedCommandPass;

/** What every pass has, whatever answers its rows. */
interface PreparedPassBase {
  readonly passId: string;
  readonly table: TableInfo;
  /** The columns the pass writes. */
  readonly schema: ResponseSchema;
  /** The instruction as given (`{column}` placeholders and all); a command pass's command line. */
  readonly instruction: string;
  /** The columns each prompt lists per row: those the instruction names, else every column but `id` and this pass's own. A command's: those it names. */
  readonly placeholders: readonly string[];
  /** The rows the pass covers (filter and `limit` applied). */
  readonly filter: CompiledFilter;
  /** Rows the filter matches. */
  readonly matched: number;
  /** Matched rows an earlier run of this pass already answered. */
  readonly skipped: number;
  /** Rows per call; 1 for a row worker and a command. */
  readonly batchSize: 'auto' | number | BatchSizeFunction;
  /** Cap on calls (or commands) in flight (`auto`: the adaptive cap). */
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly overwrite: boolean;
  readonly abortSignal: AbortSignal | undefined;
}

/** A pass whose rows a model answers: one structured call per dispatch, or a row worker's calls. */
export interface PreparedModelPass extends PreparedPassBase {
  readonly command: undefined;
  readonly model: ResolvedModel;
  readonly context: string | undefined;
  /** The fixed parts of every prompt, rendered once. */
  readonly frame: PromptFrame;
  /** Folder `file` values are relative to when file rows' content goes in the prompt; undefined otherwise. */
  readonly fileRoot: string | undefined;
  readonly maxAttempts: number;
  readonly stream: boolean;
  readonly firstTokenTimeoutMs: number;
  readonly maxOutputTokens: number | undefined;
  readonly maxFileBytes: number;
  readonly mode: 'online' | 'batch';
  readonly batchPollIntervalMs: number;
  readonly cache: boolean;
  /** The pass's caps: its options, else the config's `budget:` section. */
  readonly budget: Readonly<BudgetLimits>;
  /** What answers each row instead of one structured call: a row worker (the `function` kind), or a conversation. */
  readonly worker: RowWorker | Conversation | undefined;
  /**
   * The subagent type each dispatch runs as an agent loop (`subagentType`), and the folder a table
   * of files' `file` values are relative to (the agent gets paths, not contents).
   */
  readonly agent: { readonly type: AgentType; readonly tableFileRoot: string | undefined; readonly replayLoopsOf: string | undefined } | undefined;
  /** Cache keys of single-row and batched requests. */
  readonly fingerprints: { readonly single: RequestFingerprint; readonly batch: RequestFingerprint };
}

/** A pass whose rows each run a shell command (the `command` worker kind): no model, no limiter, no cost. */
export interface PreparedCommandPass extends PreparedPassBase {
  readonly command: PreparedCommand;
  readonly model: undefined;
}
