import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APICallError } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { ModelConfigError } from '../errors/index.ts';
import { resolveModel } from './resolve-model.ts';

const emptyConfig: SwarmConfig = { aliases: {}, providers: {}, prices: {} };
const fakeKeys = {
  OPENAI_API_KEY: 'sk-openai-fake-0001',
  ANTHROPIC_API_KEY: 'sk-ant-fake-0002',
  GOOGLE_GENERATIVE_AI_API_KEY: 'google-fake-0003',
  DEEPSEEK_API_KEY: 'sk-deepseek-fake-0004',
  GROQ_API_KEY: 'gsk-groq-fake-0005',
};

function configError(run: () => unknown): ModelConfigError {
  try {
    run();
  } catch (error) {
    if (ModelConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ModelConfigError');
}

interface RecordedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real HTTP server on localhost answering every request with `status` and `body`. */
async function localServer(status: number, body: unknown): Promise<{ baseURL: string; requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      requests.push({ url: request.url ?? '', headers: request.headers, body: text });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests };
}

const chatCompletion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'llama3',
  choices: [{ index: 0, message: { role: 'assistant', content: '{"label":"ok"}' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
};

const userPrompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hello' }] }];

describe('resolveModel: built-in providers', () => {
  it.each([
    ['openai:gpt-4o-mini', 'openai.chat'],
    ['anthropic:claude-sonnet-4-5', 'anthropic.messages'],
    ['google:gemini-2.5-flash', 'google.generative-ai'],
    ['deepseek:deepseek-chat', 'deepseek.chat'],
    ['groq:llama-3.3-70b-versatile', 'groq.chat'],
  ])('resolves %s with keys from the given env', (spec, sdkProvider) => {
    const resolved = resolveModel(spec, { config: emptyConfig, env: fakeKeys });
    const [provider, modelId] = spec.split(':');
    expect(resolved).toMatchObject({ spec, provider, modelId });
    expect(resolved.languageModel.specificationVersion).toBe('v4');
    expect(resolved.languageModel.provider).toBe(sdkProvider);
    expect(resolved.languageModel.modelId).toBe(modelId);
    expect(resolved.price).toBeDefined();
    expect(resolved.keyId).toMatch(new RegExp(`^${provider}:[0-9a-f]{8}$`));
    for (const key of Object.values(fakeKeys)) expect(resolved.keyId).not.toContain(key);
  });

  it('gives one keyId per key and endpoint', () => {
    const keyIdOf = (env: Record<string, string>) => resolveModel('openai:gpt-4o', { config: emptyConfig, env }).keyId;
    const base = keyIdOf({ OPENAI_API_KEY: 'sk-a' });
    expect(keyIdOf({ OPENAI_API_KEY: 'sk-a' })).toBe(base);
    expect(keyIdOf({ OPENAI_API_KEY: 'sk-b' })).not.toBe(base);
    expect(keyIdOf({ OPENAI_API_KEY: 'sk-a', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })).not.toBe(base);
  });

  it('names the variable to set when a key is missing, and never prints a key', () => {
    const env = { ...fakeKeys, OPENAI_API_KEY: '  ' };
    const error = configError(() => resolveModel('openai:gpt-4o', { config: emptyConfig, env }));
    expect(error.message).toContain('OPENAI_API_KEY');
    for (const key of Object.values(fakeKeys)) expect(error.message).not.toContain(key);
    expect(configError(() => resolveModel('groq:llama-3.3-70b-versatile', { env: {} })).message).toContain('GROQ_API_KEY');
  });

  it('reads keys from the env it is given, not from process.env', () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = 'sk-ant-from-process-env';
    try {
      const error = configError(() => resolveModel('anthropic:claude-haiku-4-5', { config: emptyConfig, env: {} }));
      expect(error.message).toContain('ANTHROPIC_API_KEY');
      expect(error.message).not.toContain('sk-ant-from-process-env');
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it('calls chat completions at OPENAI_BASE_URL once, with no retry on a 503', async () => {
    const server = await localServer(503, { error: { message: 'overloaded', type: 'server_error' } });
    const resolved = resolveModel('openai:gpt-4o-mini', {
      config: emptyConfig,
      env: { OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: server.baseURL },
    });
    const failure = await resolved.languageModel.doGenerate({ prompt: userPrompt }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).isRetryable).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test-key');
  });

  it('rejects an OPENAI_BASE_URL that is not a URL', () => {
    const env = { OPENAI_API_KEY: 'sk-a', OPENAI_BASE_URL: 'not a url' };
    expect(configError(() => resolveModel('openai:gpt-4o', { env })).message).toMatch(/OPENAI_BASE_URL is not a valid URL/);
  });
});

describe('resolveModel: choosing the spec', () => {
  const config: SwarmConfig = { ...emptyConfig, model: 'groq:llama-3.3-70b-versatile', aliases: { fast: 'openai:gpt-4o-mini', test: 'mock' } };

  it('prefers the argument, then SWARM_MODEL, then config.model', () => {
    const env = { ...fakeKeys, SWARM_MODEL: 'anthropic:claude-haiku-4-5' };
    expect(resolveModel('google:gemini-2.5-pro', { config, env }).spec).toBe('google:gemini-2.5-pro');
    expect(resolveModel(undefined, { config, env }).spec).toBe('anthropic:claude-haiku-4-5');
    expect(resolveModel(undefined, { config, env: { ...fakeKeys, SWARM_MODEL: '' } }).spec).toBe('groq:llama-3.3-70b-versatile');
  });

  it('explains every way to choose a model when none is chosen', () => {
    const error = configError(() => resolveModel(undefined, { config: emptyConfig, env: {} }));
    expect(error.message).toBe(
      'no model chosen: pass --model (or the `model` option), set SWARM_MODEL, or set `model:` in swarm.config.yaml; ' +
        'try `--model mock` for the built-in mock model',
    );
  });

  it('expands aliases from config', () => {
    expect(resolveModel('fast', { config, env: fakeKeys })).toMatchObject({ spec: 'openai:gpt-4o-mini', provider: 'openai', modelId: 'gpt-4o-mini' });
    expect(resolveModel('test', { config, env: {} })).toMatchObject({ spec: 'mock:default', provider: 'mock' });
  });

  it('lists the known providers for an unknown one', () => {
    const message = configError(() => resolveModel('opnai:gpt-4o', { config, env: fakeKeys })).message;
    expect(message).toContain('unknown provider "opnai"');
    expect(message).toContain('did you mean "openai"?');
    expect(message).toContain('known providers: openai, openai-responses, anthropic, google, deepseek, groq, mock');
  });

  it.each(['gpt-4o', 'openai:', ':gpt-4o', ''])('rejects the malformed spec %j with an example', (spec) => {
    const message = configError(() => resolveModel(spec, { config: emptyConfig, env: fakeKeys })).message;
    expect(message).toContain('malformed model spec');
    expect(message).toContain('"openai:gpt-4o-mini"');
  });

  it('points a bare model name at its provider', () => {
    expect(configError(() => resolveModel('gpt-4o', { env: fakeKeys })).message).toContain('Did you mean "openai:gpt-4o"?');
  });
});

describe('resolveModel: providers from swarm.config.yaml', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  function configFrom(text: string): SwarmConfig {
    directory = mkdtempSync(path.join(tmpdir(), 'swarm-model-'));
    writeFileSync(path.join(directory, 'swarm.config.yaml'), text);
    return loadConfig({ cwd: directory });
  }

  it('calls an OpenAI-compatible endpoint with its key and headers', async () => {
    const server = await localServer(200, chatCompletion);
    const config = configFrom(
      `providers:\n  local:\n    baseURL: ${server.baseURL}\n    apiKeyEnv: LOCAL_LLM_KEY\n    headers:\n      X-Team: swarm\n` +
        `prices:\n  "local:llama3": { inputPerMillion: 1, outputPerMillion: 2 }\n`,
    );
    const resolved = resolveModel('local:llama3', { config, env: { LOCAL_LLM_KEY: 'local-secret' } });
    expect(resolved).toMatchObject({ provider: 'local', modelId: 'llama3', price: { inputPerMillion: 1, outputPerMillion: 2 } });
    expect(resolved.keyId).toMatch(/^local:[0-9a-f]{8}$/);
    expect(resolved.languageModel.provider).toBe('local.chat');

    const result = await resolved.languageModel.doGenerate({ prompt: userPrompt });
    expect(result.content).toEqual([{ type: 'text', text: '{"label":"ok"}' }]);
    expect(result.usage.inputTokens.total).toBe(12);
    expect(server.requests[0]!.url).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer local-secret');
    expect(server.requests[0]!.headers['x-team']).toBe('swarm');
  });

  it('needs no key when apiKeyEnv is not set, and names apiKeyEnv when it is', () => {
    const open = configFrom('providers:\n  open:\n    baseURL: http://127.0.0.1:9/v1\n');
    expect(resolveModel('open:some-model', { config: open, env: {} }).price).toBeUndefined();
    const keyed = configFrom('providers:\n  keyed:\n    baseURL: http://127.0.0.1:9/v1\n    apiKeyEnv: KEYED_TOKEN\n');
    expect(configError(() => resolveModel('keyed:m', { config: keyed, env: {} })).message).toContain('KEYED_TOKEN');
  });

  it('lists config providers among the known ones', () => {
    const config = configFrom('providers:\n  local:\n    baseURL: http://127.0.0.1:9/v1\n');
    expect(configError(() => resolveModel('lokal:m', { config, env: {} })).message).toMatch(/did you mean "local"\?.*mock, local/);
  });

  it('refuses a config provider named like a built-in one', () => {
    const config = configFrom('providers:\n  openai:\n    baseURL: http://127.0.0.1:9/v1\n');
    expect(configError(() => resolveModel('openai:gpt-4o', { config, env: fakeKeys })).message).toMatch(/OPENAI_BASE_URL/);
  });

  it('applies config prices over the built-in table', () => {
    const config = configFrom('prices:\n  "openai:gpt-4o": { inputPerMillion: 1, outputPerMillion: 1 }\n');
    expect(resolveModel('openai:gpt-4o', { config, env: fakeKeys }).price).toEqual({ inputPerMillion: 1, outputPerMillion: 1 });
  });
});

describe('resolveModel: mock', () => {
  it('resolves bare mock without keys, at no cost', () => {
    const resolved = resolveModel('mock', { config: emptyConfig, env: {} });
    expect(resolved).toMatchObject({ spec: 'mock:default', provider: 'mock', modelId: 'default', keyId: 'mock' });
    expect(resolved.price).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    expect(resolved.languageModel.provider).toBe('mock');
  });

  it('takes settings from query parameters over config defaults', async () => {
    const config: SwarmConfig = { ...emptyConfig, mock: { failureRate: 1, seed: 3 } };
    const failing = resolveModel('mock', { config, env: {} });
    await expect(failing.languageModel.doGenerate({ prompt: userPrompt })).rejects.toSatisfy(APICallError.isInstance);
    const resolved = resolveModel('mock:default?failureRate=0&latencyMs=0', { config, env: {} });
    expect(resolved).toMatchObject({ spec: 'mock:default?failureRate=0&latencyMs=0', modelId: 'default' });
    await expect(resolved.languageModel.doGenerate({ prompt: userPrompt })).resolves.toBeDefined();
  });

  it('names an unknown query parameter', () => {
    const message = configError(() => resolveModel('mock:default?latency=5', { env: {} })).message;
    expect(message).toContain('unknown mock setting "latency"');
    expect(message).toContain('did you mean "latencyMs"?');
  });

  it('rejects settings out of range', () => {
    expect(configError(() => resolveModel('mock:default?failureRate=2', { env: {} })).message).toMatch(/failureRate must be between 0 and 1/);
    expect(configError(() => resolveModel('mock:default?seed=abc', { env: {} })).message).toMatch(/"seed" must be a number/);
  });
});

describe('resolveModel: a LanguageModelV4 instance', () => {
  it('uses the instance as it is, named provider:modelId, with no price and no env lookup', () => {
    const languageModel = new MockLanguageModelV4({ provider: 'acme', modelId: 'tiny-1' });
    const resolved = resolveModel(languageModel, { config: { ...emptyConfig, model: 'openai:gpt-4o-mini' }, env: { SWARM_MODEL: 'mock' } });
    expect(resolved).toEqual({ spec: 'acme:tiny-1', provider: 'acme', modelId: 'tiny-1', languageModel, price: undefined, keyId: 'acme' });
    expect(resolved.languageModel).toBe(languageModel);
  });

  it('rejects an object that is not a v4 language model', () => {
    const error = configError(() => resolveModel({ provider: 'acme', modelId: 'x' } as never, { config: emptyConfig, env: {} }));
    expect(error.message).toBe('model must be a spec string such as "openai:gpt-4o-mini" or a LanguageModelV4 instance');
  });
});
