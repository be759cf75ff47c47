import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { generateText, stepCountIs } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { builtInToolNames, createBuiltInTools, type BuiltInToolName } from './index.ts';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

let base: string;
let root: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'swarm-built-in-tools-'));
  root = path.join(base, 'root');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP-SECRET');
  fs.writeFileSync(path.join(root, 'hello.txt'), 'hello from the root\n');
});

afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

describe('createBuiltInTools', () => {
  it('gives exactly the named tools, each with a description, an input schema and execute', () => {
    const tools = createBuiltInTools(builtInToolNames, { root, shell: { allow: ['ls'] } });
    expect(Object.keys(tools)).toEqual([...builtInToolNames]);
    for (const tool of Object.values(tools)) {
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema).toBeDefined();
      expect(tool.execute).toBeTypeOf('function');
    }
    expect(Object.keys(createBuiltInTools(['read_file', 'grep'], { root }))).toEqual(['read_file', 'grep']);
  });

  it('throws a clear error for an unknown name, shell without settings, or a root that is not a folder', () => {
    expect(() => createBuiltInTools(['read_file', 'rm_rf' as BuiltInToolName], { root })).toThrow(
      'unknown tool "rm_rf"; built-in tools are read_file, list_files, glob, grep, write_file, edit_file, shell, fetch_url',
    );
    expect(() => createBuiltInTools(['shell'], { root })).toThrow(InvalidInputError);
    expect(() => createBuiltInTools(['read_file'], { root: path.join(base, 'missing') })).toThrow(/does not exist/);
    expect(() => createBuiltInTools(['read_file'], { root: path.join(root, 'hello.txt') })).toThrow(/is not a folder/);
    expect(() => createBuiltInTools(['read_file'], { root: 'relative/root' })).toThrow(/must be an absolute folder path/);
  });
});

describe('built-in tools in an AI SDK tool loop', () => {
  it('hand a refusal to the model as a tool error, next to the results of the calls that worked, and the loop goes on', async () => {
    const prompts: LanguageModelV4CallOptions['prompt'][] = [];
    const model = new MockLanguageModelV4({
      doGenerate: async (options): Promise<LanguageModelV4GenerateResult> => {
        prompts.push(options.prompt);
        if (prompts.length === 1) {
          return {
            content: [
              { type: 'tool-call', toolCallId: 'call-escape', toolName: 'read_file', input: JSON.stringify({ path: '../secret.txt' }) },
              { type: 'tool-call', toolCallId: 'call-hello', toolName: 'read_file', input: JSON.stringify({ path: 'hello.txt' }) },
            ],
            finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
            usage,
            warnings: [],
          };
        }
        return { content: [{ type: 'text', text: 'I may not read that file.' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
      },
    });
    const result = await generateText({
      model,
      prompt: 'Read ../secret.txt and hello.txt',
      tools: createBuiltInTools(['read_file'], { root }),
      stopWhen: stepCountIs(5),
    });
    expect(result.text).toBe('I may not read that file.');
    const outputs = result.steps[0]!.content.filter((part) => part.type === 'tool-error' || part.type === 'tool-result');
    expect(outputs.map((part) => [part.type, part.toolCallId])).toEqual([
      ['tool-error', 'call-escape'],
      ['tool-result', 'call-hello'],
    ]);
    // What the model is sent back on its next step:
    const toolMessage = prompts[1]!.find((message) => message.role === 'tool')!;
    const returned = Object.fromEntries(toolMessage.content.map((part) => [part.type === 'tool-result' ? part.toolCallId : '', part.type === 'tool-result' ? part.output : undefined]));
    expect(returned['call-escape']).toEqual({
      type: 'error-text',
      value: 'ToolRefusedError: refused: "../secret.txt" is outside the working folder (relative paths start at the working folder; an absolute path must lie inside it)',
    });
    expect(returned['call-hello']).toEqual({ type: 'text', value: '     1\thello from the root\n' });
    expect(JSON.stringify(prompts)).not.toContain('TOP-SECRET');
  });
});
