import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.ts';
import { checkConfig, loadConfig } from './load-config.ts';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'swarm-config-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
}

function loadError(options: { file?: string } = {}): InvalidInputError {
  try {
    loadConfig({ cwd: directory, ...options });
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('returns empty maps when there is no config file', () => {
    expect(loadConfig({ cwd: directory })).toEqual({ aliases: {}, providers: {}, prices: {}, limits: {}, agents: {} });
  });

  it('reads every section of swarm.config.yaml', () => {
    write(
      'swarm.config.yaml',
      [
        'model: fast',
        'aliases:',
        '  fast: openai:gpt-4o-mini',
        'providers:',
        '  local:',
        '    baseURL: http://localhost:11434/v1',
        '    apiKeyEnv: LOCAL_KEY',
        '    headers: { X-Team: swarm }',
        'prices:',
        '  "local:llama3": { inputPerMillion: 0.1, outputPerMillion: 0.2 }',
        'limits:',
        '  "openai:gpt-4o-mini": { requestsPerMinute: 500, tokensPerMinute: 200000 }',
        'mock:',
        '  latencyMs: 20',
        '  seed: 7',
      ].join('\n'),
    );
    expect(loadConfig({ cwd: directory })).toEqual({
      model: 'fast',
      aliases: { fast: 'openai:gpt-4o-mini' },
      providers: { local: { baseURL: 'http://localhost:11434/v1', apiKeyEnv: 'LOCAL_KEY', headers: { 'X-Team': 'swarm' } } },
      prices: { 'local:llama3': { inputPerMillion: 0.1, outputPerMillion: 0.2 } },
      limits: { 'openai:gpt-4o-mini': { requestsPerMinute: 500, tokensPerMinute: 200000 } },
      mock: { latencyMs: 20, seed: 7 },
      agents: {},
    });
  });

  it('reads swarm.config.yml too, and an explicit file relative to cwd', () => {
    write('swarm.config.yml', 'model: mock\n');
    expect(loadConfig({ cwd: directory }).model).toBe('mock');
    write('other.yaml', 'model: openai:gpt-4o\n');
    expect(loadConfig({ cwd: directory, file: 'other.yaml' }).model).toBe('openai:gpt-4o');
  });

  it('treats an empty file as an empty config', () => {
    write('swarm.config.yaml', '# nothing yet\n');
    expect(loadConfig({ cwd: directory })).toEqual({ aliases: {}, providers: {}, prices: {}, limits: {}, agents: {} });
  });

  it('refuses to guess between .yaml and .yml', () => {
    write('swarm.config.yaml', 'model: mock\n');
    write('swarm.config.yml', 'model: mock\n');
    expect(loadError().message).toMatch(/both swarm.config.yaml and swarm.config.yml exist/);
  });

  it('names an explicit file that does not exist', () => {
    const error = loadError({ file: 'missing.yaml' });
    expect(error.file).toBe(path.join(directory, 'missing.yaml'));
    expect(error.message).toMatch(/not found/);
  });

  it('names an unknown key, the file and the line, with a suggestion', () => {
    const file = write('swarm.config.yaml', 'model: mock\nalaises:\n  fast: mock\n');
    const error = loadError();
    expect(error.file).toBe(file);
    expect(error.line).toBe(2);
    expect(error.message).toContain('swarm.config.yaml:2:');
    expect(error.message).toContain('unknown key "alaises" (did you mean "aliases"?)');
  });

  it('suggests nested keys and lists the known ones when nothing is close', () => {
    write('swarm.config.yaml', 'providers:\n  local:\n    baseUrl: http://localhost:8080/v1\n');
    expect(loadError().message).toContain('unknown key "providers.local.baseUrl" (did you mean "baseURL"?)');
    write('swarm.config.yaml', 'colour: blue\n');
    expect(loadError().message).toContain('unknown key "colour" (known keys: model, aliases, providers, prices, limits, budget, agents, backend, redis, mock)');
  });

  it('names the key path of a wrongly typed value', () => {
    write('swarm.config.yaml', 'prices:\n  "openai:gpt-4o":\n    inputPerMillion: cheap\n    outputPerMillion: 10\n');
    const error = loadError();
    expect(error.message).toContain('"prices.openai:gpt-4o.inputPerMillion"');
    expect(error.message).toMatch(/expected number/);
    expect(error.line).toBe(3);
  });

  it('lists every problem when there are several', () => {
    write('swarm.config.yaml', 'model: 5\nmock:\n  failureRate: 2\n');
    const error = loadError();
    expect(error.message).toContain('2 problems');
    expect(error.message).toContain('line 1: "model"');
    expect(error.message).toContain('line 3: "mock.failureRate"');
  });

  it('rejects an API key pasted where the variable name belongs, without echoing it', () => {
    write('swarm.config.yaml', 'providers:\n  local:\n    baseURL: http://localhost:8080/v1\n    apiKeyEnv: sk-secret-123\n');
    const error = loadError();
    expect(error.message).toContain('providers.local.apiKeyEnv');
    expect(error.message).toContain('name of an environment variable');
    expect(error.message).not.toContain('sk-secret-123');
  });

  it('rejects provider names that cannot appear before the colon of a spec', () => {
    write('swarm.config.yaml', 'providers:\n  "my:llm":\n    baseURL: http://localhost:8080/v1\n');
    expect(loadError().message).toMatch(/providers.*provider names are letters/);
  });

  it('reports YAML syntax errors with their line', () => {
    write('swarm.config.yaml', 'model: mock\naliases:\n  fast: [unclosed\n');
    const error = loadError();
    expect(error.message).toMatch(/invalid YAML/);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a top level that is not a mapping', () => {
    write('swarm.config.yaml', '- model: mock\n');
    expect(loadError().message).toMatch(/expected a mapping/);
  });
});

describe('checkConfig (a config given in code)', () => {
  it('fills the sections left out', () => {
    expect(checkConfig({ providers: { local: { baseURL: 'http://127.0.0.1:8080/v1', apiKeyEnv: 'LOCAL_KEY' } } })).toMatchObject({
      aliases: {},
      prices: {},
      providers: { local: { baseURL: 'http://127.0.0.1:8080/v1', apiKeyEnv: 'LOCAL_KEY' } },
    });
  });

  it('names a misspelt setting before anything is opened', () => {
    let error: unknown;
    try {
      checkConfig({ provider: {} });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/^config: .*provider.*providers/);
  });
});
