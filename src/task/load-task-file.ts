import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { loadConfig } from '../config/load-config.ts';
import { yamlLibrary } from '../config/yaml-library.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { InvalidInputError, ModelConfigError } from '../errors/index.ts';
import { checkTaskFiles } from './check-task-files.ts';
import { checkTaskRules } from './check-task-rules.ts';
import { readTaskResponseSchema } from './read-task-response-schema.ts';
import { routeTaskModel } from './route-task-model.ts';
import type { NextTurnSource, TaskDefinition } from './task-definition.ts';
import { taskFileSchema, type TaskFile } from './task-file-schema.ts';
import { flattenTaskIssues, taskIssueMessage, withoutTypoDuplicates } from './task-issue-message.ts';
import type { TaskProblem } from './task-problem.ts';
import { canonicalTaskTemplate } from './task-template-placeholders.ts';
import { yamlKeyLine } from './yaml-key-line.ts';

/** Options of `loadTaskFile`. */
export interface LoadTaskFileOptions {
  /** Folder `file` is resolved against, and where swarm.config.yaml is looked for. Default `process.cwd()`. */
  cwd?: string;
  /** Model aliases and providers the task's models may use. Default: swarm.config.yaml in `cwd`, if any. */
  config?: SwarmConfig;
  /** Environment for model spec choice. API keys are not checked here. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Rows to run (`--total`); also the number of seeds `swarm seed` makes, over `seed_count`. */
  total?: number;
  /** Accept a seeds file that does not exist yet, for `swarm seed` to write. Default false. */
  allowMissingSeeds?: boolean;
}

/** Multi-turn tasks without `next_turn` ask the model to go on. */
const defaultNextTurn: NextTurnSource = { template: 'Continue.' };

/**
 * Reads and validates a task file (DeepSwarm's task.yaml keys plus Swarm's own) before anything
 * runs: types, unknown keys (with "did you mean"), what each task type needs, the files it names
 * (relative to the task file's folder) and its models' providers. Every problem found is reported
 * at once as an InvalidInputError naming the file and the line of the key at fault. Placeholders
 * are checked against the seeds' columns later, with `checkTaskPlaceholders`.
 */
export function loadTaskFile(
  file: string,
  { cwd = process.cwd(), config, env = process.env, total, allowMissingSeeds = false }: LoadTaskFileOptions = {},
): TaskDefinition {
  if (total !== undefined && !(Number.isInteger(total) && total >= 1)) {
    throw new InvalidInputError(`total must be a whole number of 1 or more; got ${total}`);
  }
  const taskPath = path.resolve(cwd, file);
  if (!existsSync(taskPath)) throw new InvalidInputError('task file not found', { file: taskPath });
  if (!statSync(taskPath).isFile()) throw new InvalidInputError('task file must be a file, not a folder', { file: taskPath });

  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(taskPath, 'utf8'), { lineCounter });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    // Only the first line: later lines quote the file, which stays out of messages.
    const line = yamlError.linePos?.[0].line;
    const summary = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '');
    throw new InvalidInputError(`invalid YAML: ${summary}`, { file: taskPath, line });
  }
  const value: unknown = document.toJS() ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError('expected a mapping of task settings (task_type:, prompt_template:, worker_model:, seeds_file:, ...)', {
      file: taskPath,
    });
  }
  const where = { file: taskPath, document, lineCounter };

  const parsed = taskFileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = withoutTypoDuplicates(flattenTaskIssues(parsed.error.issues, value), taskFileSchema);
    const problems = issues.map((issue) => ({
      message: taskIssueMessage(issue, taskFileSchema, value),
      keyPath: (issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path).map(String),
    }));
    throw problemsError(problems, where);
  }
  const task = parsed.data;
  const folder = path.dirname(taskPath);
  const workerApiBase = task.worker_api_base === undefined ? undefined : endpointBaseOf(task.worker_api_base);
  const workerApiKeyEnv = workerApiBase === undefined ? undefined : (task.worker_api_key_env ?? 'OPENAI_API_KEY');

  const problems = [...checkTaskRules(task), ...checkTaskFiles(task, { folder, allowMissingSeeds })];
  const models = { workerModel: task.worker_model, workerApiBase, workerApiKeyEnv };
  problems.push(...checkModels(task, { models, config: config ?? loadConfig({ cwd }), env }));
  let responseSchema: Record<string, unknown> | undefined;
  if (task.response_schema !== undefined) {
    const read = readTaskResponseSchema(task.response_schema, { folder });
    if ('problem' in read) problems.push(read.problem);
    else responseSchema = read.schema;
  }
  if (problems.length > 0) throw problemsError(problems, where);

  const multiTurn = task.multi_turn ?? false;
  const structured = task.task_type === 'classification' || task.task_type === 'extraction';
  return {
    file: taskPath,
    taskType: task.task_type,
    promptTemplate: canonicalTaskTemplate(task.prompt_template),
    system: task.system,
    orchestratorModel: task.orchestrator_model ?? task.worker_model,
    workerModel: task.worker_model,
    workerApiBase,
    workerApiKeyEnv,
    workerMaxTokens: task.worker_max_tokens,
    multiTurn,
    maxTurns: task.max_turns ?? 10,
    completion: task.completion === undefined ? undefined : completionRule(task.completion),
    nextTurn: multiTurn ? nextTurnSource(task.next_turn) : undefined,
    seedsFile: path.resolve(folder, task.seeds_file),
    workers: task.workers ?? 'auto',
    stagger: task.stagger === undefined || task.stagger === 'auto' ? 'auto' : Math.round(task.stagger * 1000),
    batchSize: multiTurn || task.task_type === 'custom' ? 1 : (task.batch_size ?? (structured ? 'auto' : 1)),
    outputDir: path.resolve(folder, task.output_dir ?? 'output/'),
    outputFormat: task.output_format ?? 'jsonl',
    checkpointEvery: task.checkpoint_every ?? 100,
    workerScript: task.worker_script === undefined ? undefined : path.resolve(folder, task.worker_script),
    responseSchema,
    budget: budgetLimits(task.budget),
    mode: task.mode ?? 'online',
    seedCount: total ?? task.seed_count ?? 100,
    seedInstruction: task.seed_instruction,
  };
}

/** One InvalidInputError for all `problems`, each with the line of its key, in file order. */
function problemsError(
  problems: TaskProblem[],
  { file, document, lineCounter }: { file: string; document: Document; lineCounter: LineCounter },
): InvalidInputError {
  const located = problems
    .map(({ message, keyPath }) => ({ message, line: yamlKeyLine(document, lineCounter, keyPath) }))
    .sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  if (located.length === 1) return new InvalidInputError(located[0]!.message, { file, line: located[0]!.line });
  const listed = located.map(({ message, line }) => `  ${line === undefined ? '' : `line ${line}: `}${message}`);
  return new InvalidInputError(`${located.length} problems:\n${listed.join('\n')}`, { file });
}

/** A problem for each model the task names that cannot be reached: an unknown provider, a malformed spec. */
function checkModels(
  task: TaskFile,
  { models, config, env }: { models: Pick<TaskDefinition, 'workerModel' | 'workerApiBase' | 'workerApiKeyEnv'>; config: SwarmConfig; env: LoadTaskFileOptions['env'] },
): TaskProblem[] {
  const simulator = typeof task.next_turn === 'object' ? task.next_turn.user_simulator?.model : undefined;
  const named: [string[], string | undefined][] = [
    [['worker_model'], task.worker_model],
    [['orchestrator_model'], task.orchestrator_model],
    [['next_turn', 'user_simulator', 'model'], simulator],
  ];
  const problems: TaskProblem[] = [];
  for (const [keyPath, name] of named) {
    if (name === undefined) continue;
    try {
      routeTaskModel(name, { task: models, config, env });
    } catch (error) {
      if (!ModelConfigError.isInstance(error)) throw error;
      problems.push({ message: `"${keyPath.join('.')}": ${error.message}`, keyPath });
    }
  }
  return problems;
}

/**
 * The base URL the AI SDK wants: DeepSwarm's task files give the whole endpoint
 * (`…/v1/chat/completions`), to which the SDK would append `/chat/completions` again.
 */
function endpointBaseOf(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
}

function completionRule(completion: NonNullable<TaskFile['completion']>): NonNullable<TaskDefinition['completion']> {
  if (completion.marker !== undefined) return { marker: completion.marker };
  if (completion.regex !== undefined) return { regex: completion.regex };
  return completion.equals === undefined ? { jsonField: completion.json_field! } : { jsonField: completion.json_field!, equals: completion.equals };
}

function nextTurnSource(nextTurn: TaskFile['next_turn']): NextTurnSource {
  if (nextTurn === undefined) return defaultNextTurn;
  if (nextTurn === 'script') return { script: true };
  if (nextTurn.template !== undefined) return { template: canonicalTaskTemplate(nextTurn.template) };
  return { userSimulator: nextTurn.user_simulator! };
}

function budgetLimits(budget: TaskFile['budget']): TaskDefinition['budget'] {
  const limits: TaskDefinition['budget'] = {};
  if (budget?.max_cost !== undefined) limits.maxCost = budget.max_cost;
  if (budget?.max_daily_spend !== undefined) limits.maxDailyCost = budget.max_daily_spend;
  if (budget?.max_tokens !== undefined) limits.maxTokens = budget.max_tokens;
  if (budget?.max_calls !== undefined) limits.maxCalls = budget.max_calls;
  return limits;
}
