import { statSync } from 'node:fs';
import path from 'node:path';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { findRepository } from '../git-worktree/find-repository.ts';
import { gitEnvironment } from '../git-worktree/git-environment.ts';
import { keyVariables } from '../model/key-variables.ts';
import { commandEnvironment } from '../shell/command-environment.ts';
import { commandPlaceholdersOf, unsafePlaceholder } from '../shell/command-template.ts';
import { tableInfo, type TableInfo } from '../table/table-info.ts';
import { checkPassColumns } from './check-pass-columns.ts';
import { passDefaults } from './pass-defaults.ts';
import { passFingerprint } from './pass-fingerprint.ts';
import type { PreparedCommandPass } from './prepared-pass.ts';
import { compileResponseSchema } from './response-schema.ts';
import type { RunOptions } from './run-options.ts';
import type { EnginePassOptions } from './engine-pass-options.ts';
import { selectPassRows } from './select-pass-rows.ts';

// Options that configure a model's calls: a command pass makes none.
const modelOptions = [
  'instruction',
  'model',
  'context',
  'batchSize',
  'worker',
  'workerKey',
  'subagentType',
  'maxAttempts',
  'stream',
  'firstTokenTimeoutMs',
  'maxOutputTokens',
  'maxFileBytes',
  'mode',
  'batchPollIntervalMs',
  'cache',
  'maxCost',
  'maxDailyCost',
  'maxTokens',
  'maxCalls',
] as const;

/** The stdout of a command pass without a `responseSchema`: one text column. */
const outputColumnSchema = { type: 'object', properties: { output: { type: 'string' } }, required: ['output'] };

/**
 * `preparePass` for a command pass: checks the command (every placeholder known and outside
 * quotes), its options, and with worktree isolation that `cwd` is in a git repository with a
 * commit; settles the environment commands get. Nothing runs.
 */
export function prepareCommandPass(swarm: SwarmContext, tableId: string, options: RunOptions, engine: EnginePassOptions = {}): PreparedCommandPass {
  const template = options.command;
  if (typeof template !== 'string' || template.trim() === '') throw new InvalidInputError('command must be a shell command line, such as "wc -l {file}"');
  const modelOnly = modelOptions.filter((name) => options[name] !== undefined);
  if (modelOnly.length > 0) {
    throw new InvalidInputError(`${modelOnly.join(', ')} ${modelOnly.length === 1 ? 'does' : 'do'} not apply to a command pass: it runs the command for each row and calls no model`);
  }
  const isolation = options.isolation ?? passDefaults.isolation;
  if (isolation !== 'none' && isolation !== 'worktree') throw new InvalidInputError(`isolation must be "none" or "worktree", got ${JSON.stringify(isolation)}`);
  const concurrency = options.concurrency === undefined || options.concurrency === 'auto' ? passDefaults.commandConcurrency : options.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidInputError(`concurrency must be "auto" or a whole number ≥ 1, got ${JSON.stringify(options.concurrency)}`);
  }
  for (const [name, value] of [['timeoutMs', options.timeoutMs], ['maxOutputBytes', options.maxOutputBytes]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new InvalidInputError(`${name} must be a whole number ≥ 1, got ${value}`);
  }
  const passEnv = options.passEnv ?? [];
  if (!Array.isArray(passEnv) || passEnv.some((name) => typeof name !== 'string')) throw new InvalidInputError('passEnv must be a list of environment variable names');
  const cwd = path.resolve(swarm.cwd, options.cwd ?? '.');
  if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidInputError(`cwd ${cwd} is not a folder`);

  const outputSchema = options.responseSchema === undefined ? undefined : compileResponseSchema(options.responseSchema);
  const worktreeColumns = isolation === 'worktree' ? ['branch', 'commit'] : [];
  const clash = worktreeColumns.filter((column) => outputSchema?.fields.includes(column));
  if (clash.length > 0) throw new InvalidInputError(`with isolation "worktree" the pass writes the ${clash.join(' and ')} column itself: rename that responseSchema property`);
  const written = outputSchema?.row ?? outputColumnSchema;
  // The columns the pass writes: the command's own, and where its changes were committed.
  const schema = compileResponseSchema(
    worktreeColumns.length === 0
      ? written
      : { ...written, properties: { ...(written.properties as object), branch: { type: 'string' }, commit: { type: ['string', 'null'] } } },
  );

  const table = tableInfo(swarm.store, tableId);
  const passId = passFingerprint({ tableId: table.id, instruction: template, responseSchema: written, model: 'command', context: undefined, command: { isolation }, key: engine.key });
  const { filter, matched, skipped } = selectPassRows(swarm, { table, passId, fields: schema.fields, filter: options.filter, limit: options.limit });
  const placeholders = commandPlaceholdersOf(template, table.columns);
  const overwrite = options.overwrite ?? passDefaults.overwrite;
  const rename = outputSchema === undefined ? 'Name the columns with a responseSchema (--schema) whose properties stdout gives as JSON' : 'Rename the schema property';
  checkPassColumns(swarm, { table, filter, matched, placeholders, template: 'command', fields: schema.fields, passId, overwrite, rename });
  const unsafe = unsafePlaceholder(template, placeholders);
  if (unsafe !== undefined) throw new InvalidInputError(unsafe);

  const env = { ...commandEnvironment(swarm.env, { keyVariables: keyVariables(swarm.config), passEnv }), ...engine.env };
  const repository = isolation === 'worktree' ? findRepository(cwd, gitEnvironment(env)) : undefined;
  return Object.freeze({
    command: Object.freeze({
      template,
      isolation,
      cwd,
      repository: repository === undefined ? undefined : Object.freeze(repository),
      env: Object.freeze(repository === undefined ? env : gitEnvironment(env)),
      maxOutputBytes: options.maxOutputBytes ?? passDefaults.maxOutputBytes,
      fileRoot: fileRootOf(table, placeholders),
      outputSchema,
      stdinColumn: engine.stdinColumn,
    }),
    model: undefined,
    passId,
    table,
    schema,
    instruction: template,
    placeholders: Object.freeze(placeholders),
    filter,
    matched,
    skipped,
    batchSize: 1,
    concurrency,
    timeoutMs: options.timeoutMs ?? passDefaults.commandTimeoutMs,
    overwrite,
    abortSignal: options.abortSignal,
  });
}

/** The folder a file table's `file` values are relative to, when the command names `{file}`. */
function fileRootOf(table: TableInfo, placeholders: readonly string[]): string | undefined {
  const source = table.source as { kind?: string; root?: string };
  const isFileTable = source.kind === 'glob' || source.kind === 'filePaths';
  return isFileTable && placeholders.includes('file') ? source.root : undefined;
}
