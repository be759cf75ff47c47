import type { AgentType } from '../agents/agent-type.ts';
import { findAgentType } from '../agents/agent-types.ts';
import { searchToolOf } from '../agents/open-agent-tools.ts';
import { webSearchToolName } from '../agents/provider-search-tool.ts';
import type { BudgetLimits } from '../budget/budget-limits.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { requestFingerprint } from '../cache/request-fingerprint.ts';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { ModelConfigError } from '../errors/model-config-error.ts';
import { resolveModel } from '../model/resolve-model.ts';
import { tableInfo, type TableInfo } from '../table/table-info.ts';
import { placeholdersOf, renderInstruction } from './instruction-template.ts';
import { autoConcurrencyCap } from './model-limiter.ts';
import { passDefaults } from './pass-defaults.ts';
import { passFingerprint } from './pass-fingerprint.ts';
import { batchSizeResolver } from './plan-dispatches.ts';
import { checkPassColumns } from './check-pass-columns.ts';
import { prepareCommandPass } from './prepare-command-pass.ts';
import type { PreparedModelPass, PreparedPass } from './prepared-pass.ts';
import { selectPassRows } from './select-pass-rows.ts';
import { createPromptFrame } from './render-prompt.ts';
import { compileResponseSchema } from './response-schema.ts';
import type { RunOptions } from './run-options.ts';
import type { EnginePassOptions } from './engine-pass-options.ts';

/**
 * Checks a pass's options against its table, model (or command) and config, and applies every
 * default, before anything is written, called or run: the one place a pass's settings are made
 * (run, estimate and `--dry-run` all start here).
 */
export function preparePass(swarm: SwarmContext, tableId: string, options: RunOptions & { command?: undefined }, engine?: EnginePassOptions): PreparedModelPass;
export function preparePass(swarm: SwarmContext, tableId: string, options: RunOptions, engine?: EnginePassOptions): PreparedPass;
export function preparePass(swarm: SwarmContext, tableId: string, options: RunOptions, engine: EnginePassOptions = {}): PreparedPass {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('run() needs an options object with instruction and responseSchema');
  if (options.command !== undefined) return prepareCommandPass(swarm, tableId, options, engine);
  return prepareModelPass(swarm, tableId, options, engine);
}

function prepareModelPass(swarm: SwarmContext, tableId: string, options: RunOptions, engine: EnginePassOptions): PreparedModelPass {
  const { store } = swarm;
  const commandOnly = (['isolation', 'cwd', 'passEnv', 'maxOutputBytes'] as const).filter((name) => options[name] !== undefined);
  if (commandOnly.length > 0) throw new InvalidInputError(`${commandOnly.join(', ')} ${commandOnly.length === 1 ? 'applies' : 'apply'} to command passes only (give command)`);
  const agentType = agentTypeOf(swarm, options);
  if (typeof options.instruction !== 'string' || options.instruction.trim() === '') {
    throw new InvalidInputError('instruction is required: a template such as "Classify {text}" (or command, to run a shell command per row)');
  }
  if (options.context !== undefined && typeof options.context !== 'string') throw new InvalidInputError('context must be a string');
  const concurrencyOption = options.concurrency === undefined ? passDefaults.concurrency : options.concurrency;
  const autoConcurrency = agentType === undefined ? autoConcurrencyCap : passDefaults.agentConcurrency;
  const concurrency = concurrencyOption === 'auto' ? autoConcurrency : concurrencyOption;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidInputError(`concurrency must be "auto" or a whole number ≥ 1, got ${JSON.stringify(options.concurrency)}`);
  }
  const wholeNumbers = [
    ['maxAttempts', options.maxAttempts],
    ['timeoutMs', options.timeoutMs],
    ['firstTokenTimeoutMs', options.firstTokenTimeoutMs],
    ['maxOutputTokens', options.maxOutputTokens],
    ['maxFileBytes', options.maxFileBytes],
    ['batchPollIntervalMs', options.batchPollIntervalMs],
  ] as const;
  for (const [name, value] of wholeNumbers) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new InvalidInputError(`${name} must be a whole number ≥ 1, got ${value}`);
  }
  // A row worker answers one row at a time.
  const defaultBatchSize = agentType === undefined ? passDefaults.batchSize : passDefaults.agentBatchSize;
  const worker = options.worker ?? engine.conversation;
  const batchSize = worker !== undefined ? 1 : options.batchSize === undefined ? defaultBatchSize : options.batchSize;
  batchSizeResolver(batchSize, 1);
  const schema = compileResponseSchema(options.responseSchema);
  const table = tableInfo(store, tableId);
  // The run's own model, else the agent type's, else the default.
  const model = resolveModel(options.model ?? agentType?.model, { config: swarm.config, env: swarm.env, secrets: swarm.secrets, keyRequired: engine.keysOnWorkers !== true });
  if (agentType?.tools.includes(webSearchToolName)) searchToolOf(agentType, model.languageModel.provider);
  const mode = options.mode === undefined ? passDefaults.mode : options.mode;
  if (mode !== 'online' && mode !== 'batch') throw new InvalidInputError(`mode must be "online" or "batch", got ${JSON.stringify(mode)}`);
  if (mode === 'batch') {
    if (worker !== undefined || agentType !== undefined) {
      throw new InvalidInputError(
        `mode "batch" sends one structured call per dispatch; ${agentType === undefined ? 'worker functions (multi-turn, scripts, free text)' : 'agent loops (subagentType)'} run online`,
      );
    }
    if (model.batch === undefined) {
      throw new ModelConfigError(`${model.spec} has no batch API; mode "batch" needs an openai, anthropic or google model`);
    }
  }
  const passId = passFingerprint({
    tableId: table.id,
    instruction: options.instruction,
    responseSchema: schema.row,
    model: model.spec,
    context: options.context,
    worker: agentType !== undefined ? agentFingerprint(agentType) : worker === undefined ? undefined : (options.workerKey ?? passDefaults.workerKey),
    key: engine.key,
  });

  const { filter, matched, skipped } = selectPassRows(swarm, { table, passId, fields: schema.fields, filter: options.filter, limit: options.limit });
  const named = placeholdersOf(options.instruction, table.columns);
  const overwrite = options.overwrite ?? passDefaults.overwrite;
  checkPassColumns(swarm, { table, filter, matched, placeholders: named, template: 'instruction', fields: schema.fields, passId, overwrite });
  // An instruction naming no column is about the whole row: the prompt shows all its fields (not
  // its id, which the row's tag carries, nor what this pass writes).
  const placeholders = named.length > 0 ? named : table.columns.filter((column) => column !== 'id' && !schema.fields.includes(column));
  const budget = budgetOf(swarm, options);
  if ((budget.maxCost !== undefined || budget.maxDailyCost !== undefined) && model.price === undefined) {
    throw new InvalidInputError(
      `a cost cap is set but ${model.spec} has no price: add it under prices: in swarm.config.yaml (USD per million input and output tokens)`,
    );
  }
  const fingerprintOf = (responseSchema: unknown) =>
    requestFingerprint({ model: model.spec, endpoint: model.endpoint, schema: responseSchema, maxOutputTokens: options.maxOutputTokens });
  return Object.freeze({
    command: undefined,
    passId,
    table,
    model,
    schema,
    instruction: options.instruction,
    context: options.context,
    placeholders: Object.freeze(placeholders),
    frame: createPromptFrame({ instruction: renderInstruction(options.instruction, placeholders), context: options.context, rowSchema: schema.row, batchSchema: schema.batch }),
    // An agent reads files itself: its prompt has their paths, not their content.
    fileRoot: agentType === undefined ? fileRootOf(table, placeholders) : undefined,
    filter,
    matched,
    skipped,
    batchSize,
    concurrency,
    maxAttempts: options.maxAttempts ?? passDefaults.maxAttempts,
    timeoutMs: options.timeoutMs ?? passDefaults.timeoutMs,
    stream: options.stream ?? passDefaults.stream,
    firstTokenTimeoutMs: options.firstTokenTimeoutMs ?? passDefaults.firstTokenTimeoutMs,
    maxOutputTokens: options.maxOutputTokens,
    maxFileBytes: options.maxFileBytes ?? passDefaults.maxFileBytes,
    mode,
    batchPollIntervalMs: options.batchPollIntervalMs ?? passDefaults.batchPollIntervalMs,
    // An agent's answers come from tools that read and change the world: never from the cache.
    cache: agentType === undefined && (options.cache ?? passDefaults.cache),
    overwrite,
    budget: Object.freeze(budget),
    worker,
    agent: agentType === undefined ? undefined : Object.freeze({ type: agentType, tableFileRoot: fileRootOf(table, ['file']), replayLoopsOf: engine.replayLoopsOf }),
    fingerprints: Object.freeze({ single: fingerprintOf(schema.row), batch: fingerprintOf(schema.batch) }),
    abortSignal: options.abortSignal,
  });
}

/** The subagent type `subagentType` names, checked against the other options; undefined without one. */
function agentTypeOf(swarm: SwarmContext, options: RunOptions): AgentType | undefined {
  if (options.subagentType === undefined) return undefined;
  if (typeof options.subagentType !== 'string' || options.subagentType === '') {
    throw new InvalidInputError(`subagentType must be the name of a subagent type, got ${JSON.stringify(options.subagentType)}`);
  }
  if (options.worker !== undefined) throw new InvalidInputError('give subagentType or worker, not both: each says how a row is answered');
  return findAgentType(options.subagentType, { config: swarm.config, cwd: swarm.cwd });
}

/** What decides an agent's answers besides the pass's own options: its type's definition. */
function agentFingerprint(type: AgentType): string {
  const { name, model, system, tools, maxSteps, root, shell, fetch, mcpServers } = type;
  return `agent ${canonicalJson({ name, model: model ?? null, system, tools, maxSteps, root, shell: shell ?? null, fetch: fetch ?? null, mcpServers })}`;
}

/** The pass's caps: its own options, else the config's `budget:` section. */
function budgetOf(swarm: SwarmContext, options: RunOptions): BudgetLimits {
  const configured = swarm.config.budget ?? {};
  const budget: BudgetLimits = {
    maxCost: options.maxCost ?? configured.maxCost,
    maxDailyCost: options.maxDailyCost ?? configured.maxDailyCost,
    maxTokens: options.maxTokens ?? configured.maxTokens,
    maxCalls: options.maxCalls ?? configured.maxCalls,
  };
  for (const [name, value] of Object.entries(budget)) {
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
      throw new InvalidInputError(`${name} must be a number ≥ 0, got ${JSON.stringify(value)}`);
    }
  }
  for (const name of ['maxTokens', 'maxCalls'] as const) {
    const value = budget[name];
    if (value !== undefined && !Number.isInteger(value)) throw new InvalidInputError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
  return budget;
}

/** The folder a file table's `file` values are relative to, when the prompt shows `{file}` (by name or as a whole row). */
function fileRootOf(table: TableInfo, placeholders: readonly string[]): string | undefined {
  const source = table.source as { kind?: string; root?: string };
  const isFileTable = source.kind === 'glob' || source.kind === 'filePaths';
  return isFileTable && placeholders.includes('file') ? source.root : undefined;
}
