import { describe, expect, it } from 'vitest';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { ModelConfigError } from '../errors/index.ts';
import { routeTaskModel } from './route-task-model.ts';

const config: SwarmConfig = { aliases: { fast: 'openai:gpt-4o-mini', odd: 'nowhere:x' }, providers: { local: { baseURL: 'http://localhost:11434/v1' } }, prices: {} };
const plain = { workerModel: 'mock' };
const deepSwarm = { workerModel: 'deepseek-v4-flash', workerApiBase: 'https://api.deepseek.com/v1', workerApiKeyEnv: 'DEEPSEEK_API_KEY' };

describe('routeTaskModel', () => {
  it('passes specs, aliases and config providers on to resolveModel, without needing keys', () => {
    for (const name of ['mock', 'openai:gpt-4o', 'fast', 'local:llama3']) {
      expect(routeTaskModel(name, { task: plain, config, env: {} })).toEqual({ kind: 'spec', spec: name });
    }
  });

  it('reaches the worker model, and bare names, at worker_api_base', () => {
    const endpoint = { kind: 'endpoint', baseURL: 'https://api.deepseek.com/v1', apiKeyEnv: 'DEEPSEEK_API_KEY' };
    expect(routeTaskModel('deepseek-v4-flash', { task: deepSwarm, config, env: {} })).toEqual({ ...endpoint, modelId: 'deepseek-v4-flash' });
    expect(routeTaskModel('deepseek-v4-pro', { task: deepSwarm, config, env: {} })).toEqual({ ...endpoint, modelId: 'deepseek-v4-pro' });
    expect(routeTaskModel('anthropic:claude-sonnet-4-5', { task: deepSwarm, config, env: {} })).toEqual({ kind: 'spec', spec: 'anthropic:claude-sonnet-4-5' });
  });

  it('defaults the key variable of an endpoint to OPENAI_API_KEY', () => {
    const task = { workerModel: 'llama3:8b', workerApiBase: 'http://localhost:8000/v1' };
    expect(routeTaskModel('llama3:8b', { task, config, env: {} })).toMatchObject({ kind: 'endpoint', modelId: 'llama3:8b', apiKeyEnv: 'OPENAI_API_KEY' });
  });

  it('explains an unknown provider and a bare name without an endpoint', () => {
    expect(() => routeTaskModel('odd', { task: plain, config, env: {} })).toThrow(
      'unknown provider "nowhere" in model spec "nowhere:x"; known providers: openai, openai-responses, anthropic, google, deepseek, groq, mock, local.',
    );
    expect(() => routeTaskModel('gpt-4o', { task: plain, config, env: {} })).toThrow(ModelConfigError);
    expect(() => routeTaskModel('gpt-4o', { task: plain, config, env: {} })).toThrow(/A bare model id works with worker_api_base/);
  });
});
