import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/run-cli.ts';

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Say hi' }] }];

describe('the swarm simulate banner', () => {
  it('prints variables that work with every client that reads them', async () => {
    const child = spawnCli(['simulate'], { cwd: mkdtempSync(path.join(tmpdir(), 'swarm-banner-')) });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout!.on('data', (chunk) => {
          output += chunk;
          if (output.includes('GEMINI_API_KEY')) resolve(output);
        });
        child.on('exit', () => reject(new Error(`simulate exited: ${output}`)));
      });
      const env = Object.fromEntries([...banner.matchAll(/([A-Z_]+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'GOOGLE_GENERATIVE_AI_BASE_URL', 'GOOGLE_GEMINI_BASE_URL']));

      // Swarm builds its providers with the AI SDK from the first three.
      await createOpenAI({ baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY }).chat('gpt-4o-mini').doGenerate({ prompt });
      await createOpenAI({ baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY })('gpt-4o-mini').doGenerate({ prompt });
      await createAnthropic({ baseURL: env.ANTHROPIC_BASE_URL, apiKey: env.ANTHROPIC_API_KEY })('claude-haiku-4-5').doGenerate({ prompt });
      await createGoogleGenerativeAI({ baseURL: env.GOOGLE_GENERATIVE_AI_BASE_URL, apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY })('gemini-2.5-flash').doGenerate({ prompt });
      // The providers' own SDKs read the same variables (and @google/genai its own).
      const openai = new OpenAI({ baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, maxRetries: 0 });
      expect((await openai.responses.create({ model: 'gpt-4o-mini', input: 'Say hi' })).output_text).not.toBe('');
      const anthropic = new Anthropic({ baseURL: env.ANTHROPIC_BASE_URL, apiKey: env.ANTHROPIC_API_KEY, maxRetries: 0 });
      expect((await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Say hi' }] })).content).not.toEqual([]);
      const genai = new GoogleGenAI({ apiKey: env.GEMINI_API_KEY!, httpOptions: { baseUrl: env.GOOGLE_GEMINI_BASE_URL! } });
      expect((await genai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Say hi' })).text).not.toBe('');
    } finally {
      child.kill('SIGINT');
    }
  });
});
