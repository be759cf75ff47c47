import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import { InvalidInputError } from '../errors/index.ts';
import { checkAgentSettings } from './check-agent-settings.ts';
import { configIssueMessage } from './config-issue-message.ts';
import type { SwarmConfig } from './swarm-config.ts';
import { swarmConfigSchema } from './swarm-config-schema.ts';
import { yamlLibrary } from './yaml-library.ts';

/** File names looked for in the working directory, in this order. */
export const configFileNames = ['swarm.config.yaml', 'swarm.config.yml'] as const;

/**
 * Reads and validates swarm.config.yaml (or .yml) from `cwd`, or the explicit `file` (relative to
 * `cwd`). No file means an empty config. Problems are InvalidInputErrors naming the file and line.
 */
export function loadConfig({ cwd = process.cwd(), file }: { cwd?: string; file?: string } = {}): SwarmConfig {
  const configPath = file === undefined ? findConfigFile(cwd) : path.resolve(cwd, file);
  if (configPath === undefined) return swarmConfigSchema.parse({});
  if (!existsSync(configPath)) throw new InvalidInputError('config file not found', { file: configPath });
  return parseConfig(readFileSync(configPath, 'utf8'), configPath);
}

/**
 * Validates a configuration given in code (`openSwarm({ config })`), the same way as the file:
 * sections left out are empty, and problems are InvalidInputErrors naming the setting.
 */
export function checkConfig(value: unknown, { cwd = process.cwd() }: { cwd?: string } = {}): SwarmConfig {
  const result = swarmConfigSchema.safeParse(value ?? {});
  const problems = result.success ? checkAgentSettings(result.data, cwd).map(({ message }) => message) : result.error.issues.map((issue) => configIssueMessage(issue, swarmConfigSchema));
  if (result.success && problems.length === 0) return result.data;
  throw new InvalidInputError(problems.length === 1 ? `config: ${problems[0]}` : `config: ${problems.length} problems:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
}

function findConfigFile(cwd: string): string | undefined {
  const found = configFileNames.map((name) => path.join(cwd, name)).filter((candidate) => existsSync(candidate));
  if (found.length > 1) {
    throw new InvalidInputError(`both ${configFileNames.join(' and ')} exist; keep one`, { file: found[0] });
  }
  return found[0];
}

function parseConfig(text: string, file: string): SwarmConfig {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    // Only the first line: later lines quote the file, which we keep out of messages on principle.
    const line = yamlError.linePos?.[0].line;
    const summary = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '');
    throw new InvalidInputError(`invalid YAML: ${summary}`, { file, line });
  }
  const value: unknown = document.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError('expected a mapping of settings (model:, aliases:, providers:, prices:, mock:)', { file });
  }
  const result = swarmConfigSchema.safeParse(value);
  const lineOf = (keyPath: readonly PropertyKey[]) => {
    const offset = keyOffset(document, keyPath);
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const problems = result.success
    ? checkAgentSettings(result.data, path.dirname(file)).map(({ keyPath, message }) => ({ message, line: lineOf(keyPath) }))
    : result.error.issues.map((issue) => ({
        message: configIssueMessage(issue, swarmConfigSchema),
        line: lineOf(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path),
      }));
  if (result.success && problems.length === 0) return result.data;

  if (problems.length === 1) throw new InvalidInputError(problems[0]!.message, { file, line: problems[0]!.line });
  const listed = problems.map(({ message, line }) => `  ${line === undefined ? '' : `line ${line}: `}${message}`);
  throw new InvalidInputError(`${problems.length} problems:\n${listed.join('\n')}`, { file });
}

/** Where the key at `keyPath` starts in the file: the line a user should look at. */
function keyOffset(document: Document, keyPath: readonly PropertyKey[]): number | undefined {
  if (keyPath.length === 0) return undefined;
  const { isMap, isScalar, isSeq } = yamlLibrary();
  const parent = keyPath.length === 1 ? document.contents : document.getIn(keyPath.slice(0, -1) as unknown[], true);
  const last = String(keyPath[keyPath.length - 1]);
  if (isSeq(parent)) {
    const item = parent.items[Number(last)];
    return isScalar(item) ? item.range?.[0] : undefined;
  }
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === last);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}
